using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Polo.Testing;

/// <summary>
/// An SMTP sink on loopback speaking the real protocol (RFC 5321: greeting, EHLO, MAIL FROM, RCPT TO, DATA with
/// dot-stuffing, QUIT; AUTH PLAIN/LOGIN accepted). Keeps each received message's envelope and raw DATA. Set
/// <see cref="FailNext"/> to answer that many transactions with a 451 (a transient failure) after DATA.
/// </summary>
public sealed class LoopbackSmtp : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Received> _messages = [];
    private int _failNext;

    public sealed record Received(string From, IReadOnlyList<string> To, string Data);

    public int Port { get; }

    public int FailNext { get => Volatile.Read(ref _failNext); set => Volatile.Write(ref _failNext, value); }

    /// <summary>Transactions answered with 451 so far.</summary>
    public int Refused { get; private set; }

    public IReadOnlyList<Received> Messages { get { lock (_messages) return _messages.ToList(); } }

    public LoopbackSmtp()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptAsync);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8); // 8BITMIME is offered: bodies may hold UTF-8
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        try
        {
            await writer.WriteLineAsync("220 loopback.test ESMTP sink");
            string from = "";
            var to = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-loopback.test");
                        await writer.WriteLineAsync("250-8BITMIME");
                        await writer.WriteLineAsync("250-AUTH PLAIN LOGIN");
                        await writer.WriteLineAsync("250 SMTPUTF8");
                        break;
                    case "HELO": await writer.WriteLineAsync("250 loopback.test"); break;
                    case "AUTH": await writer.WriteLineAsync("235 2.7.0 Authentication successful"); break;
                    case "MAIL": from = Address(line); to.Clear(); await writer.WriteLineAsync("250 2.1.0 OK"); break;
                    case "RCPT": to.Add(Address(line)); await writer.WriteLineAsync("250 2.1.5 OK"); break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } d && d != ".")
                            data.Append(d.StartsWith("..", StringComparison.Ordinal) ? d[1..] : d).Append("\r\n");
                        if (Interlocked.Decrement(ref _failNext) >= 0)
                        {
                            Refused++;
                            await writer.WriteLineAsync("451 4.3.0 Try again later");
                        }
                        else
                        {
                            Interlocked.Exchange(ref _failNext, 0);
                            lock (_messages) _messages.Add(new Received(from, to.ToList(), data.ToString()));
                            await writer.WriteLineAsync("250 2.0.0 Queued");
                        }
                        break;
                    case "RSET": from = ""; to.Clear(); await writer.WriteLineAsync("250 OK"); break;
                    case "NOOP": await writer.WriteLineAsync("250 OK"); break;
                    case "QUIT": await writer.WriteLineAsync("221 Bye"); return;
                    default: await writer.WriteLineAsync("502 5.5.2 Command not implemented"); break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : "";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
