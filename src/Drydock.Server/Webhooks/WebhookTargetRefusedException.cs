namespace Drydock.Server.Webhooks;

/// <summary>A webhook delivery was not sent: its host resolves only to addresses that webhooks may not reach.</summary>
public sealed class WebhookTargetRefusedException : IOException
{
    public WebhookTargetRefusedException()
    {
    }

    public WebhookTargetRefusedException(string message)
        : base(message)
    {
    }

    public WebhookTargetRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
