using Azure.Storage.Blobs;
using Connector.Core.Jobs;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Cli;

/// <summary><c>report products</c>: the timer's report now, from the sandbox's Sale archive, to a folder or to Blob.</summary>
public sealed class ReportCommandTests : IAsyncLifetime
{
    private CliSandbox _cli = null!;

    public async Task InitializeAsync() => _cli = await CliSandbox.StartAsync();

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    private BlobContainerClient Reports => _cli.Storage.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(_cli.Names.ReportsContainer);

    [Fact]
    public async Task Out_writes_the_csv_files_and_summary_to_the_folder_and_leaves_blob_alone()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Repository.Root, "out")).FullName;
        var run = await _cli.RunAsync("report", "products", "--out", "out", "--limit", "30", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Completed", run.Json.GetProperty("outcome").GetString());
        Assert.Equal(30, run.Json.GetProperty("summary").GetProperty("salesRead").GetInt32());

        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(3, files.Count);
        Assert.Contains(files, f => f!.StartsWith("customer-products-", StringComparison.Ordinal) && f.EndsWith(".csv", StringComparison.Ordinal));
        Assert.Contains(files, f => f!.StartsWith("sales-products-", StringComparison.Ordinal));
        Assert.Contains(files, f => f!.StartsWith("summary-", StringComparison.Ordinal) && f.EndsWith(".json", StringComparison.Ordinal));
        var csv = await File.ReadAllLinesAsync(Path.Combine(folder, files.First(f => f!.StartsWith("sales-products-", StringComparison.Ordinal))!));
        Assert.Equal("SaleId,SaleDate,Status,Amount,CustomerId,CustomerName,Product,ProductCode,Quantity,Heading", csv[0].TrimStart('\uFEFF'));

        Assert.False((await Reports.ExistsAsync()).Value);
        var job = await new StorageProbe(_cli.Storage).JobAsync(run.Json.GetProperty("jobId").GetString()!);
        Assert.Equal(JobStatus.Completed, job!.Status);
        Assert.Equal(JobKinds.Report, job.Kind);
    }

    [Fact]
    public async Task Blob_writes_to_the_reports_container_with_progress()
    {
        var run = await _cli.RunAsync("report", "products", "--blob", "--limit", "20");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Completed", run.Out);
        Assert.Contains("20 sales read", run.Out);
        Assert.Contains("1 pages, 20 sales read", run.Error);
        Assert.True((await Reports.GetBlobClient("products/latest.json").ExistsAsync()).Value);
        Assert.Contains($"{_cli.Names.ReportsContainer}/products/", run.Out);
    }

    [Theory]
    [InlineData("--out", "x", "--blob")]
    [InlineData("--limit", "-1")]
    [InlineData("--out", "no-such-folder")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        var run = await _cli.RunAsync(["report", "products", .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }
}
