using Connector.Core.Reports;
using Microsoft.Extensions.Options;

namespace Connector.Core.Configuration;

/// <summary>Validates section <c>ProductReport</c> at start-up; each failure names the setting to fix.</summary>
public sealed class ProductReportOptionsValidator : IValidateOptions<ProductReportOptions>
{
    public const int MaxPageSize = 1000;

    public ValidateOptionsResult Validate(string? name, ProductReportOptions options)
    {
        var failures = new List<string>();
        if (!ReportSchedule.TryParse(options.Schedule, out _))
        {
            failures.Add($"ProductReport:Schedule '{options.Schedule}' is not a six-field NCRONTAB expression " +
                         "(second minute hour day month day-of-week, UTC), e.g. 0 0 6 * * 1 for Mondays 06:00.");
        }
        if (options.SaleLimit < 0)
        {
            failures.Add("ProductReport:SaleLimit must be 0 (all sales) or a positive number.");
        }
        if (options.PageSize is < 1 or > MaxPageSize)
        {
            failures.Add($"ProductReport:PageSize must be between 1 and {MaxPageSize}.");
        }
        if (!string.IsNullOrWhiteSpace(options.ProductCodePattern))
        {
            try
            {
                _ = new HeadingParser([], options.ProductCodePattern);
            }
            catch (ArgumentException e)
            {
                failures.Add($"ProductReport:ProductCodePattern is not a valid regular expression: {e.Message}");
            }
        }
        if (options.KeywordList.Count == 0 && string.IsNullOrWhiteSpace(options.ProductCodePattern) && !options.UseProductFamilies)
        {
            failures.Add("ProductReport:Keywords is empty and neither ProductReport:ProductCodePattern nor ProductReport:UseProductFamilies " +
                         "is set, so no heading could ever match a product; set at least one of them.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
