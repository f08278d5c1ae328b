namespace Polo.Collection.Aws;

/// <summary>
/// Reads an AWS answer's body with a size limit, for every client that reads bodies itself (the EC2 call guard, the
/// Cost Explorer client): a declared Content-Length above the limit is refused before reading, and a body without
/// one is refused as soon as it passes the limit, so a runaway answer never fills memory.
/// </summary>
public static class BoundedResponse
{
    /// <summary>The smallest limit honoured (a limit below it is raised to it).</summary>
    public const long MinimumLimit = 1024;

    /// <summary>The body's bytes; <paramref name="tooLarge"/> (given the effective limit) is thrown past the limit.</summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, long maxBytes, Func<long, Exception> tooLarge, CancellationToken ct)
    {
        var max = Math.Max(MinimumLimit, maxBytes);
        if (content.Headers.ContentLength is { } length && length > max) throw tooLarge(max);
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max) throw tooLarge(max);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
