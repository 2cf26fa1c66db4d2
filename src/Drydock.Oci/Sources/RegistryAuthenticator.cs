using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Drydock.Oci.Sources;

/// <summary>
/// Answers a registry's <c>WWW-Authenticate</c> challenge: Basic with the configured credentials, or
/// the Docker token flow (<c>Bearer realm=…,service=…,scope=…</c>: ask the realm for a token,
/// anonymously or with basic credentials, then send it as a bearer token).
/// </summary>
internal sealed class RegistryAuthenticator(HttpClient http, string? username, string? password)
{
    private AuthenticationHeaderValue? _current;

    public AuthenticationHeaderValue? Current => _current;

    /// <summary>Handles a 401; returns false when the challenge cannot be answered.</summary>
    public async Task<bool> TryAnswerAsync(HttpResponseMessage response, string fallbackScope, CancellationToken cancellationToken)
    {
        foreach (var challenge in response.Headers.WwwAuthenticate)
        {
            if (string.Equals(challenge.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
            {
                if (username is null || _current?.Scheme == "Basic")
                {
                    return false;
                }

                _current = BasicHeader();
                return true;
            }

            if (string.Equals(challenge.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                var parameters = ParseParameters(challenge.Parameter ?? string.Empty);
                if (!parameters.TryGetValue("realm", out var realm))
                {
                    return false;
                }

                var query = new List<string>();
                if (parameters.TryGetValue("service", out var service))
                {
                    query.Add($"service={Uri.EscapeDataString(service)}");
                }

                query.Add($"scope={Uri.EscapeDataString(parameters.TryGetValue("scope", out var scope) ? scope : fallbackScope)}");
                using var request = new HttpRequestMessage(HttpMethod.Get, $"{realm}{(realm.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{string.Join('&', query)}");
                if (username is not null)
                {
                    request.Headers.Authorization = BasicHeader();
                }

                using var tokenResponse = await http.SendAsync(request, cancellationToken);
                if (!tokenResponse.IsSuccessStatusCode)
                {
                    throw new HttpRequestException(
                        $"The registry's token service {realm} refused a token ({(int)tokenResponse.StatusCode} {tokenResponse.ReasonPhrase}). Check the user name and password.",
                        null,
                        tokenResponse.StatusCode);
                }

                await using var body = await tokenResponse.Content.ReadAsStreamAsync(cancellationToken);
                using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                var token = document.RootElement.TryGetProperty("token", out var t) ? t.GetString()
                    : document.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
                if (string.IsNullOrEmpty(token))
                {
                    throw new HttpRequestException($"The registry's token service {realm} answered without a token.", null, HttpStatusCode.Unauthorized);
                }

                _current = new AuthenticationHeaderValue("Bearer", token);
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses <c>key="value",key=value</c> challenge parameters (values may hold commas inside quotes).</summary>
    public static Dictionary<string, string> ParseParameters(string value)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < value.Length)
        {
            while (i < value.Length && (value[i] == ',' || char.IsWhiteSpace(value[i])))
            {
                i++;
            }

            var eq = value.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var key = value[i..eq].Trim();
            i = eq + 1;
            string parsed;
            if (i < value.Length && value[i] == '"')
            {
                var builder = new StringBuilder();
                i++;
                while (i < value.Length && value[i] != '"')
                {
                    if (value[i] == '\\' && i + 1 < value.Length)
                    {
                        i++;
                    }

                    builder.Append(value[i]);
                    i++;
                }

                i++;
                parsed = builder.ToString();
            }
            else
            {
                var end = value.IndexOf(',', i);
                end = end < 0 ? value.Length : end;
                parsed = value[i..end].Trim();
                i = end;
            }

            result[key] = parsed;
        }

        return result;
    }

    private AuthenticationHeaderValue BasicHeader() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
}
