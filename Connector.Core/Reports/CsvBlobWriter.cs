using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Connector.Core.Reports;

/// <summary>
/// A CSV streamed into a block blob: text goes through a 64 KB writer into the blob stream, which stages a block per
/// <see cref="BlockBytes"/>; the blob becomes visible when <see cref="CommitAsync"/> commits the block list. Disposing
/// without a commit still commits what was written (the blob stream's behaviour), so a failed run deletes its blobs.
/// </summary>
public sealed class CsvBlobWriter : IAsyncDisposable
{
    /// <summary>
    /// One block per 256 KB. No flush per page: a block per page cost the report more than paging the archive itself
    /// (4.5x at 10,000 sales). Blocks of this size are staged while the next page is being fetched, and leave little
    /// to stage at the commit.
    /// </summary>
    public const int BlockBytes = 256 * 1024;

    private readonly Stream _stream;
    private readonly StreamWriter _writer;
    private bool _committed;

    private CsvBlobWriter(Stream stream, Encoding encoding)
    {
        _stream = stream;
        _writer = new StreamWriter(stream, encoding, bufferSize: 64 * 1024, leaveOpen: true);
    }

    public static async Task<CsvBlobWriter> OpenAsync(BlockBlobClient blob, string contentType, Encoding encoding, CancellationToken cancellationToken)
    {
        var stream = await blob.OpenWriteAsync(overwrite: true, new BlockBlobOpenWriteOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            BufferSize = BlockBytes,
        }, cancellationToken).ConfigureAwait(false);
        return new CsvBlobWriter(stream, encoding);
    }

    public Task WriteAsync(StringBuilder text, CancellationToken cancellationToken) => _writer.WriteAsync(text, cancellationToken);

    /// <summary>Stages what is buffered and commits the block list.</summary>
    public async Task CommitAsync()
    {
        _committed = true;
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            await CommitAsync().ConfigureAwait(false);
        }
    }
}
