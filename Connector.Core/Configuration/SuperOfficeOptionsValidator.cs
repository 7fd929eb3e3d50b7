using Microsoft.Extensions.Options;

namespace Connector.Core.Configuration;

/// <summary>Validates the tenant identity every part of the connector needs. Start-up fails naming the setting.</summary>
public sealed class SuperOfficeOptionsValidator : IValidateOptions<SuperOfficeOptions>
{
    public ValidateOptionsResult Validate(string? name, SuperOfficeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Environment))
        {
            failures.Add("SuperOffice:Environment is not set; set it to sod, qaonline or online (SO_ENVIRONMENT is accepted too).");
        }
        else if (!SuperOfficeOptions.KnownEnvironments.Contains(options.Environment.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"SuperOffice:Environment '{options.Environment}' is unknown; use sod, qaonline (or stage) or online. " +
                         "Numbered hosts such as online3 are discovered, never configured.");
        }
        if (string.IsNullOrWhiteSpace(options.ContextIdentifier))
        {
            failures.Add("SuperOffice:ContextIdentifier is not set; set it to the tenant id, e.g. Cust12345 (SO_CONTEXT_IDENTIFIER is accepted too).");
        }
        if (options.ApiAssociateId <= 0)
        {
            failures.Add("SuperOffice:ApiAssociateId is not set; set it to the associate id of the API user " +
                         "(run `so-connector who-am-i` to find it; SO_API_ASSOCIATE_ID is accepted too).");
        }
        if (!string.IsNullOrWhiteSpace(options.LoginBaseUrl) && !Uri.TryCreate(options.LoginBaseUrl, UriKind.Absolute, out _))
        {
            failures.Add("SuperOffice:LoginBaseUrl is not an absolute URL.");
        }
        if (!string.IsNullOrWhiteSpace(options.ApiBaseUrl) && !Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out _))
        {
            failures.Add("SuperOffice:ApiBaseUrl is not an absolute URL.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
