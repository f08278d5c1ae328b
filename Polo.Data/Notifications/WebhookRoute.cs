namespace Polo.Data.Notifications;

/// <summary>A generic JSON webhook and what goes to it (<c>Alerts:Webhooks</c>). <see cref="Secret"/> keys the HMAC
/// signature receivers verify.</summary>
public sealed class WebhookRoute : AlertRoute
{
    public string Url { get; set; } = "";
    public string Secret { get; set; } = "";

    public override IEnumerable<string> Problems()
    {
        if (!IsHttpUrl(Url)) yield return $"Webhook route '{Name}': Url must be an http(s) URL (got '{Url}').";
        if (Secret.Length < 16) yield return $"Webhook route '{Name}': Secret must be at least 16 characters (it keys the HMAC signature).";
        foreach (var p in base.Problems()) yield return p;
    }
}
