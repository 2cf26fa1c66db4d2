using System.Security.Cryptography;

namespace Drydock.Server.Webhooks;

/// <summary>
/// The <c>X-Drydock-Signature</c> header: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the exact body bytes under
/// the webhook's secret (the GitHub convention, so receivers can reuse their verification code).
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Drydock-Signature";

    public const string EventHeaderName = "X-Drydock-Event";

    public const string DeliveryHeaderName = "X-Drydock-Delivery";

    private const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));
    }
}
