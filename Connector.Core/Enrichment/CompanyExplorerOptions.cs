namespace Connector.Core.Enrichment;

/// <summary>Settings of section <c>CompanyExplorer</c>: where the analysis service is and how to call it.</summary>
public sealed class CompanyExplorerOptions
{
    public const string Section = "CompanyExplorer";

    /// <summary>e.g. <c>https://explorer.example.com</c> (the sandbox: <c>http://127.0.0.1:5080/companyexplorer</c>).</summary>
    public string? BaseUrl { get; set; }
    public string EnrichPath { get; set; } = "/api/enrich";
    /// <summary>Secret, sent as <c>X-Api-Key</c>.</summary>
    public string? ApiKey { get; set; }
    /// <summary>Total time for one enrichment call, retries included.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public Uri EnrichUri => new(BaseUrl!.TrimEnd('/') + "/" + EnrichPath.TrimStart('/'));
}
