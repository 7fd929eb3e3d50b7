using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Connector.Core.Reports;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Reports;

/// <summary>The CSV blob writer on Azurite: blocks staged in the background, nothing visible before the commit.</summary>
public sealed class CsvBlobWriterTests
{
    private static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private static async Task<BlobContainerClient> ContainerAsync()
    {
        var container = new BlobServiceClient(await Azurite.GetConnectionStringAsync()).GetBlobContainerClient("csv-" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateAsync();
        return container;
    }

    [Fact]
    public async Task Text_over_several_blocks_arrives_whole_with_multibyte_characters_across_block_boundaries()
    {
        var container = await ContainerAsync();
        var blob = container.GetBlockBlobClient("several.csv");
        // Odd-length lines of two- and four-byte characters, so that block boundaries fall inside characters.
        var expected = new StringBuilder();
        var writer = new CsvBlobWriter(blob, "text/csv; charset=utf-8", Utf8WithBom);
        for (var i = 0; expected.Length < 3 * CsvBlobWriter.BlockBytes; i++)
        {
            var line = new StringBuilder().Append(i).Append(",Müller Straße ").Append('ä', i % 7).Append("\U0001F600").Append("\r\n");
            expected.Append(line);
            await writer.WriteAsync(line, CancellationToken.None);
        }

        Assert.False((await blob.ExistsAsync()).Value);
        await writer.CommitAsync();

        var content = (await blob.DownloadContentAsync()).Value;
        var bytes = content.Content.ToArray();
        Assert.Equal(Utf8WithBom.Preamble.ToArray(), bytes[..3]);
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal("text/csv; charset=utf-8", content.Details.ContentType);
        var blocks = (await blob.GetBlockListAsync()).Value.CommittedBlocks.ToList();
        Assert.True(blocks.Count >= 4, $"{blocks.Count} blocks");
        // Full blocks, but a character is never split: up to 3 bytes short when the next one did not fit.
        Assert.All(blocks.SkipLast(1), b => Assert.InRange(b.SizeLong, CsvBlobWriter.BlockBytes - 3, CsvBlobWriter.BlockBytes));
    }

    [Fact]
    public async Task A_writer_disposed_without_a_commit_leaves_no_blob_even_after_staging_blocks()
    {
        var container = await ContainerAsync();
        var blob = container.GetBlockBlobClient("abandoned.csv");
        await using (var writer = new CsvBlobWriter(blob, "text/csv", Utf8WithBom))
        {
            var text = new StringBuilder().Append('x', 2 * CsvBlobWriter.BlockBytes + 10);
            await writer.WriteAsync(text, CancellationToken.None);
        }

        Assert.False((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task An_empty_csv_is_the_byte_order_mark_alone()
    {
        var container = await ContainerAsync();
        var blob = container.GetBlockBlobClient("empty.csv");
        var writer = new CsvBlobWriter(blob, "text/csv", Utf8WithBom);

        await writer.CommitAsync();

        Assert.Equal(Utf8WithBom.Preamble.ToArray(), (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task A_block_that_fails_while_staged_in_the_background_fails_the_commit_and_leaves_no_blob()
    {
        var container = await ContainerAsync();
        var blocks = 0;
        var commits = 0;
        // Only the first block's upload fails; the last block (staged alongside it at the commit) would go through.
        var hook = new StorageRequestHook(
            m =>
            {
                if (m.Request.Uri.Query.Contains("comp=blocklist", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref commits);
                }
                return m.Request.Uri.Query.Contains("comp=block&", StringComparison.Ordinal) && Interlocked.Increment(ref blocks) == 1;
            },
            before: _ => throw new IOException("first block lost"));
        var blob = (await hook.BlobServiceAsync()).GetBlobContainerClient(container.Name).GetBlockBlobClient("failing.csv");
        var writer = new CsvBlobWriter(blob, "text/csv", Utf8WithBom);
        await writer.WriteAsync(new StringBuilder().Append('x', CsvBlobWriter.BlockBytes + 10), CancellationToken.None);

        var error = await Assert.ThrowsAsync<IOException>(() => writer.CommitAsync());

        Assert.Equal("first block lost", error.Message);
        Assert.Equal(2, blocks);
        Assert.Equal(0, commits);
        Assert.False((await container.GetBlobClient("failing.csv").ExistsAsync()).Value);
    }
}
