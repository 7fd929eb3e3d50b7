using System.Buffers;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Connector.Core.Reports;

/// <summary>
/// A CSV streamed into a block blob: text is encoded into a <see cref="BlockBytes"/> buffer, and each full buffer is
/// staged as a block <em>in the background</em> while the caller goes on (at most one block in flight, so memory
/// stays at two blocks; at the commit the last block joins the one in flight). The blob appears only when
/// <see cref="CommitAsync"/> commits the block list; a writer disposed without a commit leaves no blob (the service
/// discards uncommitted blocks), so a failed run publishes nothing half-written.
/// <para>In the background, so that uploading a block never holds up reading the next page of the archive.</para>
/// </summary>
public sealed class CsvBlobWriter : IAsyncDisposable
{
    /// <summary>
    /// One block per 256 KB rather than per page: far fewer storage calls, and little left to stage at the commit
    /// (docs/benchmarks.md).
    /// </summary>
    public const int BlockBytes = 256 * 1024;

    private readonly BlockBlobClient _blob;
    private readonly string _contentType;
    private readonly Encoder _encoder;
    private readonly List<string> _blockIds = [];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
    private int _length;
    private Task _staging = Task.CompletedTask;
    private byte[]? _stagingBuffer;
    private bool _done;

    public CsvBlobWriter(BlockBlobClient blob, string contentType, Encoding encoding)
    {
        _blob = blob;
        _contentType = contentType;
        _encoder = encoding.GetEncoder();
        var preamble = encoding.Preamble;
        preamble.CopyTo(_buffer);
        _length = preamble.Length;
    }

    /// <summary>Appends <paramref name="text"/>; returns at once unless a full block has to wait for the one before it.</summary>
    public async Task WriteAsync(StringBuilder text, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        foreach (var chunk in text.GetChunks())
        {
            var chars = chunk;
            while (chars.Length > 0)
            {
                if (BlockBytes - _length < 4)
                {
                    await StageBufferAsync(cancellationToken).ConfigureAwait(false);
                }
                _encoder.Convert(chars.Span, _buffer.AsSpan(_length, BlockBytes - _length), flush: false, out var used, out var written, out _);
                chars = chars[used..];
                _length += written;
            }
        }
    }

    /// <summary>Stages what is left, waits for every block, and commits the block list: the blob is complete.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        var tail = new byte[16];
        _encoder.Convert([], tail, flush: true, out _, out var tailBytes, out _);
        if (tailBytes > 0)
        {
            if (BlockBytes - _length < tailBytes)
            {
                await StageBufferAsync(cancellationToken).ConfigureAwait(false);
            }
            tail.AsSpan(0, tailBytes).CopyTo(_buffer.AsSpan(_length));
            _length += tailBytes;
        }
        if (_length > 0 || _blockIds.Count == 0)
        {
            // The last block goes up alongside the one still in flight rather than after it: no buffer is reused any
            // more, so both may be on their way (this shortens the end of a run by up to one block's upload).
            var last = _blob.StageBlockAsync(NextBlockId(), new MemoryStream(_buffer, 0, _length, writable: false), cancellationToken: cancellationToken);
            _length = 0;
            _staging = Task.WhenAll(_staging, last);
        }
        await _staging.ConfigureAwait(false);
        await _blob.CommitBlockListAsync(_blockIds, new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = _contentType },
        }, cancellationToken).ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Waits for a block in flight (its failure is not rethrown here) and returns the buffers; commits nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_done)
        {
            return;
        }
        _done = true;
        try
        {
            await _staging.ConfigureAwait(false);
        }
        catch
        {
            // The run already failed or is being abandoned; an unstaged block changes nothing.
        }
        Return(ref _stagingBuffer);
        Return(ref _buffer!);
    }

    /// <summary>Waits for the block before (bounding memory and surfacing its failure), then stages the buffer in the background.</summary>
    private async Task StageBufferAsync(CancellationToken cancellationToken)
    {
        await _staging.ConfigureAwait(false);
        var full = _buffer;
        var length = _length;
        _buffer = _stagingBuffer ?? ArrayPool<byte>.Shared.Rent(BlockBytes);
        _stagingBuffer = full;
        _length = 0;
        _staging = _blob.StageBlockAsync(NextBlockId(), new MemoryStream(full, 0, length, writable: false), cancellationToken: cancellationToken);
    }

    /// <summary>The next block's id, added to the list in the blob's order (whatever order the uploads finish in).</summary>
    private string NextBlockId()
    {
        var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{_blockIds.Count:D6}"));
        _blockIds.Add(blockId);
        return blockId;
    }

    private static void Return(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
