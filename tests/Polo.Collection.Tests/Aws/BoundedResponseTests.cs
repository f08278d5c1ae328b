using System.Net;
using Polo.Collection.Aws;

namespace Polo.Collection.Tests.Aws;

/// <summary>The one size-limited body read both the EC2 guard and the Cost Explorer client use.</summary>
public sealed class BoundedResponseTests
{
    private sealed class TooLarge(long max) : Exception($"over {max}");

    /// <summary>A body that declares no length and streams in small pieces, counting what was read.</summary>
    private sealed class Trickle(int bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < bytes; i += 100)
            {
                var n = Math.Min(100, bytes - i);
                await stream.WriteAsync(new byte[n]);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read_whole()
    {
        var body = await BoundedResponse.ReadAsync(new ByteArrayContent(new byte[2048]), 2048, m => new TooLarge(m), default);

        Assert.Equal(2048, body.Length);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_reading()
    {
        var content = new ByteArrayContent(new byte[4096]);

        var e = await Assert.ThrowsAsync<TooLarge>(() => BoundedResponse.ReadAsync(content, 2048, m => new TooLarge(m), default));

        Assert.Equal("over 2048", e.Message);
    }

    [Fact]
    public async Task A_body_without_a_length_is_refused_once_it_passes_the_limit()
    {
        await Assert.ThrowsAsync<TooLarge>(() => BoundedResponse.ReadAsync(new Trickle(5000), 2048, m => new TooLarge(m), default));
        Assert.Equal(3000, (await BoundedResponse.ReadAsync(new Trickle(3000), 3000, m => new TooLarge(m), default)).Length);
    }

    [Fact]
    public async Task A_limit_below_the_minimum_is_raised_to_it()
    {
        var e = await Assert.ThrowsAsync<TooLarge>(() =>
            BoundedResponse.ReadAsync(new ByteArrayContent(new byte[BoundedResponse.MinimumLimit + 1]), 10, m => new TooLarge(m), default));

        Assert.Equal($"over {BoundedResponse.MinimumLimit}", e.Message);
    }
}
