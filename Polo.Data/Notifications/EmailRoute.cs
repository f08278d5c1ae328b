namespace Polo.Data.Notifications;

/// <summary>Email recipients and what goes to them (<c>Alerts:Email</c>); sent through <c>Alerts:Smtp</c>.</summary>
public sealed class EmailRoute : AlertRoute
{
    public List<string> To { get; set; } = [];

    public override IEnumerable<string> Problems()
    {
        if (To.Count == 0) yield return $"Email route '{Name}': To needs at least one address.";
        foreach (var a in To.Where(a => !IsAddress(a)))
            yield return $"Email route '{Name}': '{a}' is not an email address.";
        foreach (var p in base.Problems()) yield return p;
    }

    /// <summary>A mailbox with a domain ("Name &lt;a@b&gt;" or "a@b").</summary>
    public static bool IsAddress(string text) => MimeKit.MailboxAddress.TryParse(text, out var m) && m.Domain is { Length: > 0 };
}

/// <summary>The SMTP server email goes through (<c>Alerts:Smtp</c>). <see cref="Tls"/>: <c>auto</c> (STARTTLS when
/// offered; SSL on port 465), <c>starttls</c> (required), <c>ssl</c> (TLS from the first byte) or <c>none</c>.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public string Tls { get; set; } = "auto";
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "";
    public int TimeoutSeconds { get; set; } = 30;

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Host)) yield return "Alerts:Smtp:Host is not set.";
        if (Port is < 1 or > 65535) yield return $"Alerts:Smtp:Port must be 1–65535 (got {Port}).";
        if (Tls is not ("auto" or "starttls" or "ssl" or "none")) yield return $"Alerts:Smtp:Tls must be auto, starttls, ssl or none (got '{Tls}').";
        if (!EmailRoute.IsAddress(From)) yield return $"Alerts:Smtp:From must be an email address (got '{From}').";
    }
}
