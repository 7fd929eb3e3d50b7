using System.Text.Json;
using Connector.Core.Reports;
using Connector.Functions;
using Connector.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Connector.Tests.Reports;

/// <summary><c>POST /api/reports/products</c> runs the report now and answers with the job and its summary.</summary>
public sealed class ProductReportFunctionTests
{
    private static async Task<HttpTestRequest.Executed> PostAsync(ProductReportFunction function, string? query = null)
    {
        var request = HttpTestRequest.Create("POST");
        if (query is not null)
        {
            request.QueryString = new QueryString(query);
        }
        return await HttpTestRequest.ExecuteAsync(await function.RunNow(request, CancellationToken.None));
    }

    [Fact]
    public async Task Runs_now_and_answers_with_the_job_and_summary()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var answer = await PostAsync(harness.Function(new InMemorySaleSource(SampleSales.Seeded)));

        Assert.Equal(200, answer.StatusCode);
        var json = answer.Json;
        Assert.Equal("Completed", json.GetProperty("outcome").GetString());
        var jobId = json.GetProperty("jobId").GetString()!;
        Assert.StartsWith("report-manual-20261130-060000-", jobId);
        var job = json.GetProperty("job");
        Assert.Equal("Report", job.GetProperty("kind").GetString());
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        var details = job.GetProperty("details");
        Assert.Equal(4, details.GetProperty("salesWithProduct").GetInt32());
        Assert.True(await harness.ExistsAsync(details.GetProperty("blobs").GetProperty("salesProducts").GetString()!));
    }

    [Fact]
    public async Task A_repeated_run_id_answers_with_the_finished_run()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var source = new InMemorySaleSource(SampleSales.Seeded);
        var function = harness.Function(source);

        var first = await PostAsync(function, "?runId=month-end-1");
        var second = await PostAsync(function, "?runId=month-end-1");

        Assert.Equal("Completed", first.Json.GetProperty("outcome").GetString());
        Assert.Equal("AlreadyDone", second.Json.GetProperty("outcome").GetString());
        Assert.Equal("report-manual-month-end-1", second.Json.GetProperty("jobId").GetString());
        Assert.Equal(JsonValueKind.Object, second.Json.GetProperty("job").GetProperty("details").ValueKind);
        Assert.Equal(1, source.Reads);
    }

    [Fact]
    public async Task An_empty_report_is_answered_with_the_stage_that_dropped_the_rows()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var answer = await PostAsync(harness.Function(new InMemorySaleSource([])));

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("Empty", answer.Json.GetProperty("outcome").GetString());
        Assert.Equal(ReportEmptyStage.NoSales, answer.Json.GetProperty("job").GetProperty("details").GetProperty("emptyStage").GetString());
    }

    [Fact]
    public async Task A_failed_run_answers_500_naming_the_job()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var answer = await PostAsync(harness.Function(new InMemorySaleSource(SampleSales.Seeded) { Failure = new HttpRequestException("boom") }));

        Assert.Equal(500, answer.StatusCode);
        Assert.StartsWith("application/problem+json", answer.ContentType);
        Assert.Contains("report-manual-", answer.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_invalid_run_id_is_refused()
    {
        await using var harness = await ReportHarness.CreateAsync();
        var source = new InMemorySaleSource(SampleSales.Seeded);
        var answer = await PostAsync(harness.Function(source), "?runId=../x");

        Assert.Equal(400, answer.StatusCode);
        Assert.Equal(0, source.Reads);
    }
}
