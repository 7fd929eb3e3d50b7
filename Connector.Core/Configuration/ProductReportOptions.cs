namespace Connector.Core.Configuration;

/// <summary>Settings of section <c>ProductReport</c>: when the product report runs and how it finds products in Sale headings.</summary>
public sealed class ProductReportOptions
{
    public const string Section = "ProductReport";
    public const string DefaultSchedule = "0 0 6 * * 1";
    public const string DefaultKeywords = "OMNIE,CD-01,Service";

    /// <summary>
    /// Codes such as <c>CD-01</c> and <c>RR-02-017-OMNIE</c>: two letters, two digits, then optionally three digits
    /// and a name. The parser adds whole-token boundaries itself and matches case-insensitively.
    /// </summary>
    public const string DefaultProductCodePattern = @"[A-Z]{2}-\d{2}(?:-\d{3}(?:-[A-Z]+)?)?";

    /// <summary>
    /// Six-field NCRONTAB (second minute hour day month day-of-week), in UTC. Default: Mondays 06:00.
    /// The timer trigger reads it as <c>%ProductReport:Schedule%</c>, so it must be an app setting
    /// (<c>ProductReport__Schedule</c>) for the host to find it.
    /// </summary>
    public string Schedule { get; set; } = DefaultSchedule;

    /// <summary>How many Sales to read, newest first; 0 reads all.</summary>
    public int SaleLimit { get; set; } = 1000;

    /// <summary>Sales per archive request (<c>$top</c>).</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>Comma-separated product keywords, matched case-insensitively as whole tokens (see HeadingParser).</summary>
    public string Keywords { get; set; } = DefaultKeywords;

    /// <summary>A .NET regular expression for product codes; empty turns code matching off.</summary>
    public string? ProductCodePattern { get; set; } = DefaultProductCodePattern;

    /// <summary>Also match the names of <c>List/ProductFamily/Items</c>.</summary>
    public bool UseProductFamilies { get; set; }

    public IReadOnlyList<string> KeywordList =>
        Keywords.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
}
