using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Connector.Core.Jobs;
using Connector.Core.Reports;
using Connector.Core.Storage;
using Connector.Functions;
using Connector.Tests.Infrastructure;
using Sylvan.Data.Csv;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Reports;

/// <summary>The real report services on Azurite (unique container and table), a fake clock, and readers for what they wrote.</summary>
public sealed class ReportHarness : IAsyncDisposable
{
    /// <summary>A Monday, 06:00:00.2 UTC: a timer fire for the default schedule's occurrence 2026-11-30 06:00.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 30, 6, 0, 0, 200, TimeSpan.Zero);

    private ReportHarness(ServiceProvider services, CapturingLoggerProvider logs, FakeTimeProvider clock)
    {
        Services = services;
        Logs = logs;
        Clock = clock;
    }

    public ServiceProvider Services { get; }
    public CapturingLoggerProvider Logs { get; }
    public FakeTimeProvider Clock { get; }
    public ProductReportRunner Runner => Services.GetRequiredService<ProductReportRunner>();
    public JobStore Jobs => Services.GetRequiredService<JobStore>();

    private BlobContainerClient Container =>
        Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(Services.GetRequiredService<StorageNames>().ReportsContainer);

    /// <summary>The services on <paramref name="clock"/> (default: a new one at <see cref="MondayMorning"/>).</summary>
    public static async Task<ReportHarness> CreateAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null,
        FakeTimeProvider? clock = null)
    {
        var logs = new CapturingLoggerProvider();
        clock ??= new FakeTimeProvider(MondayMorning);
        var services = await TestServices.CreateAsync(settings, s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            configure?.Invoke(s);
        }, logs);
        return new ReportHarness(services, logs, clock);
    }

    public ProductReportFunction Function(ISaleSource source) =>
        new(Runner, source, Services.GetRequiredService<ILogger<ProductReportFunction>>());

    public async Task<byte[]> ReadBytesAsync(string blobName) =>
        (await Container.GetBlobClient(blobName).DownloadContentAsync()).Value.Content.ToArray();

    public async Task<bool> ExistsAsync(string blobName) => (await Container.GetBlobClient(blobName).ExistsAsync()).Value;

    public async Task<List<string>> BlobNamesAsync()
    {
        var names = new List<string>();
        await foreach (var item in Container.GetBlobsAsync())
        {
            names.Add(item.Name);
        }
        return names;
    }

    /// <summary>The CSV parsed with Sylvan.Data.Csv: the header, then each record as its fields joined by " | ".</summary>
    public async Task<(string[] Header, List<string> Rows)> ReadCsvAsync(string blobName)
    {
        using var text = new StreamReader(new MemoryStream(await ReadBytesAsync(blobName)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true });
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        var rows = new List<string>();
        while (await csv.ReadAsync())
        {
            Assert.Equal(header.Length, csv.RowFieldCount);
            rows.Add(string.Join(" | ", Enumerable.Range(0, header.Length).Select(csv.GetString)));
        }
        return (header, rows);
    }

    public async Task<JsonElement> ReadJsonAsync(string blobName) => JsonDocument.Parse(await ReadBytesAsync(blobName)).RootElement.Clone();

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
