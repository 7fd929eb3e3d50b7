using Microsoft.Extensions.Options;

namespace Connector.Core.Enrichment;

public sealed class CompanyExplorerOptionsValidator : IValidateOptions<CompanyExplorerOptions>
{
    public ValidateOptionsResult Validate(string? name, CompanyExplorerOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out _))
        {
            failures.Add("CompanyExplorer:BaseUrl is not set to an absolute URL; set it to the Company Explorer address.");
        }
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("CompanyExplorer:ApiKey is empty; set it in local.settings.json or the app settings (Key Vault in Azure).");
        }
        if (options.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add("CompanyExplorer:TimeoutSeconds must be between 1 and 300.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
