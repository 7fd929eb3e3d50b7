using System.Globalization;

namespace Connector.Core.Reports;

/// <summary>The blobs of one report run in container <c>reports</c>, under <c>products/{yyyy}/{MM}/</c>.</summary>
public sealed record ReportBlobNames(string SalesProducts, string CustomerProducts, string Summary)
{
    /// <summary>The stable name that always leads to the newest run (see <see cref="LatestReport"/>).</summary>
    public const string Latest = "products/latest.json";

    public static ReportBlobNames For(ReportRun run)
    {
        var folder = "products/" + run.RunAt.ToString("yyyy", CultureInfo.InvariantCulture) + "/" + run.RunAt.ToString("MM", CultureInfo.InvariantCulture) + "/";
        return new ReportBlobNames(
            folder + "sales-products-" + run.Stamp + ".csv",
            folder + "customer-products-" + run.Stamp + ".csv",
            folder + "summary-" + run.Stamp + ".json");
    }
}
