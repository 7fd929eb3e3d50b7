using Connector.Core.Configuration;
using Connector.Core.Reports;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Reports;

/// <summary>Which occurrence a timer fire stands for, and the start-up validation of section ProductReport.</summary>
public sealed class ReportScheduleTests
{
    private static readonly ReportSchedule Weekly = ReportSchedule.Parse(ProductReportOptions.DefaultSchedule);

    [Theory]
    [InlineData("2026-11-30T06:00:00Z", "2026-11-30T06:00:00Z")] // on time (a Monday)
    [InlineData("2026-11-30T06:00:00.250Z", "2026-11-30T06:00:00Z")] // a little late
    [InlineData("2026-11-30T05:59:59.900Z", "2026-11-30T06:00:00Z")] // a little early (clock skew)
    [InlineData("2026-11-30T09:41:00Z", "2026-11-30T06:00:00Z")] // past due, or a replay after a lost lease
    [InlineData("2026-12-06T23:59:00Z", "2026-11-30T06:00:00Z")] // still before the next occurrence
    [InlineData("2026-12-07T06:00:01Z", "2026-12-07T06:00:00Z")]
    public void A_fire_maps_to_the_occurrence_it_stands_for(string firedAt, string occurrence)
    {
        Assert.Equal(DateTimeOffset.Parse(occurrence), Weekly.OccurrenceFor(DateTimeOffset.Parse(firedAt)));
    }

    [Fact]
    public void A_scheduled_run_is_keyed_by_its_occurrence()
    {
        var run = ReportRun.Scheduled(DateTimeOffset.Parse("2026-11-30T06:00:00Z"));
        Assert.Equal("report-202611300600", run.JobId);
        Assert.Equal("products/2026/11/sales-products-20261130-0600.csv", ReportBlobNames.For(run).SalesProducts);
        Assert.Equal("products/2026/11/customer-products-20261130-0600.csv", ReportBlobNames.For(run).CustomerProducts);
        Assert.Equal("products/2026/11/summary-20261130-0600.json", ReportBlobNames.For(run).Summary);
    }

    [Fact]
    public void Frequent_schedules_keep_the_early_fire_tolerance_under_half_the_interval()
    {
        var everyTenSeconds = ReportSchedule.Parse("*/10 * * * * *");
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T06:00:10Z"), everyTenSeconds.OccurrenceFor(DateTimeOffset.Parse("2026-11-30T06:00:10.100Z")));
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T06:00:20Z"), everyTenSeconds.OccurrenceFor(DateTimeOffset.Parse("2026-11-30T06:00:19.900Z")));
    }

    [Theory]
    [InlineData("0 6 * * 1")] // five fields: the timer trigger wants six
    [InlineData("every monday")]
    [InlineData("0 0 25 * * 1")]
    [InlineData("")]
    public void An_invalid_schedule_fails_start_up_naming_the_setting(string schedule)
    {
        var message = Validate(new ProductReportOptions { Schedule = schedule });
        Assert.Contains("ProductReport:Schedule", message);
        Assert.Contains("NCRONTAB", message);
    }

    [Fact]
    public void An_invalid_code_pattern_fails_start_up_naming_the_setting()
    {
        var message = Validate(new ProductReportOptions { ProductCodePattern = "[A-Z" });
        Assert.Contains("ProductReport:ProductCodePattern", message);
    }

    [Fact]
    public void Settings_that_could_never_match_a_product_fail_start_up()
    {
        var message = Validate(new ProductReportOptions { Keywords = " , ", ProductCodePattern = "" });
        Assert.Contains("ProductReport:Keywords", message);
    }

    [Theory]
    [InlineData(-1, 200, "ProductReport:SaleLimit")]
    [InlineData(0, 0, "ProductReport:PageSize")]
    [InlineData(0, 5000, "ProductReport:PageSize")]
    public void Limits_are_checked(int saleLimit, int pageSize, string setting)
    {
        Assert.Contains(setting, Validate(new ProductReportOptions { SaleLimit = saleLimit, PageSize = pageSize }));
    }

    [Fact]
    public async Task The_defaults_are_valid_and_bound_from_section_ProductReport()
    {
        await using var services = await TestServices.CreateAsync(new Dictionary<string, string?>
        {
            ["ProductReport:SaleLimit"] = "0",
            ["ProductReport:Keywords"] = "OMNIE; Service",
        });
        var options = services.GetRequiredService<IOptions<ProductReportOptions>>().Value;
        Assert.Equal("0 0 6 * * 1", options.Schedule);
        Assert.Equal(0, options.SaleLimit);
        Assert.Equal(200, options.PageSize);
        Assert.Equal(["OMNIE", "Service"], options.KeywordList);
        Assert.False(options.UseProductFamilies);
    }

    [Fact]
    public async Task An_invalid_setting_stops_the_app_at_start_up()
    {
        await using var services = await TestServices.CreateAsync(new Dictionary<string, string?> { ["ProductReport:Schedule"] = "weekly" });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ProductReportOptions>>().Value);
        Assert.Contains("ProductReport:Schedule", error.Message);
    }

    private static string Validate(ProductReportOptions options)
    {
        var result = new ProductReportOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        return result.FailureMessage;
    }
}
