namespace Polo.Data.Notifications;

/// <summary>One Slack incoming webhook and what goes to it. Configured under <c>Alerts:Slack</c>.</summary>
public sealed class SlackRoute : AlertRoute
{
    public string WebhookUrl { get; set; } = "";

    public override IEnumerable<string> Problems()
    {
        if (!IsHttpUrl(WebhookUrl)) yield return $"Slack route '{Name}': WebhookUrl must be an http(s) URL (got '{WebhookUrl}').";
        foreach (var p in base.Problems()) yield return p;
    }
}
