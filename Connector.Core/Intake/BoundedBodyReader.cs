namespace Connector.Core.Intake;

/// <summary>Reads a request body once, refusing (without buffering it whole) a body over the limit.</summary>
public static class BoundedBodyReader
{
    public const int DefaultLimit = 256 * 1024;

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? contentLength, int limit = DefaultLimit, CancellationToken cancellationToken = default)
    {
        if (contentLength > limit)
        {
            return null;
        }

        var buffer = new byte[contentLength is { } length ? (int)length : Math.Min(limit, 16 * 1024)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > limit)
                {
                    return null;
                }
                // One byte past the limit is enough to know the body is too large.
                Array.Resize(ref buffer, Math.Min(Math.Max(buffer.Length * 2, 4096), limit + 1));
            }
            var read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            total += read;
            if (total > limit)
            {
                return null;
            }
        }
        return total == buffer.Length ? buffer : buffer[..total];
    }
}
