namespace Connector.Core.Reports;

/// <summary>Why a report has no rows: the stage that dropped them all.</summary>
public static class ReportEmptyStage
{
    public const string NoSales = "NoSales";
    public const string NoCompany = "NoCompany";
    public const string NoProduct = "NoProduct";

    public static string Describe(string stage) => stage switch
    {
        NoSales => "no sales returned by the archive",
        NoCompany => "all sales without a company",
        NoProduct => "no heading matched a product",
        _ => stage,
    };
}
