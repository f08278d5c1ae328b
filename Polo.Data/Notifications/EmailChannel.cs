using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Polo.Data.Notifications;

/// <summary>Sends an alert as email over SMTP (MailKit): a multipart/alternative message with a plain-text and an
/// HTML part, a Message-Id derived from the alert's key (so a resend after a crash threads as the same message).</summary>
public sealed class EmailChannel(SmtpOptions smtp, EmailRoute route, string baseUrl) : IAlertChannel
{
    public string Name => "email:" + route.Name;

    public string Recipient => string.Join(", ", route.To);

    public TimeSpan? Cooldown => route.Cooldown;

    public bool Wants(Alert alert) => route.Wants(alert);

    public async Task SendAsync(Alert alert, CancellationToken ct = default)
    {
        using var message = Message(alert);
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            var tls = smtp.Tls switch
            {
                "none" => SecureSocketOptions.None,
                "starttls" => SecureSocketOptions.StartTls,
                "ssl" => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            };
            await client.ConnectAsync(smtp.Host, smtp.Port, tls, ct).ConfigureAwait(false);
            if (smtp.Username != "") await client.AuthenticateAsync(smtp.Username, smtp.Password, ct).ConfigureAwait(false);
            await client.SendAsync(message, ct).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, ct).ConfigureAwait(false);
        }
        catch (SmtpCommandException e)
        {
            throw new InvalidOperationException($"SMTP {smtp.Host}:{smtp.Port} answered {(int)e.StatusCode}: {e.Message}", e);
        }
        catch (Exception e) when (e is SmtpProtocolException or AuthenticationException or IOException
                                      or System.Net.Sockets.SocketException or SslHandshakeException or ServiceNotConnectedException)
        {
            throw new InvalidOperationException($"SMTP {smtp.Host}:{smtp.Port}: {e.Message}", e);
        }
    }

    public MimeMessage Message(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        foreach (var to in route.To) message.To.Add(MailboxAddress.Parse(to));
        message.Subject = alert.Title;
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Name + "|" + alert.Key));
        message.MessageId = $"{Convert.ToHexString(hash)[..32].ToLowerInvariant()}@{DomainOf(smtp.From)}";
        message.Headers.Add("X-Polo-Alert", alert.Key);
        var body = new BodyBuilder { TextBody = AlertText.Plain(alert, baseUrl), HtmlBody = AlertText.Html(alert, baseUrl) };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string DomainOf(string from) =>
        MailboxAddress.TryParse(from, out var a) && a.Domain is { Length: > 0 } d ? d : "polo.local";
}
