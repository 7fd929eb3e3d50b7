using Connector.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Cli;

/// <summary>
/// <see cref="SuperOfficeOptionsValidator"/> without its <c>SuperOffice:ApiAssociateId</c> check, for <c>who-am-i</c>,
/// the command that finds the value.
/// </summary>
public sealed class ApiAssociateIdOptional(IValidateOptions<SuperOfficeOptions> inner) : IValidateOptions<SuperOfficeOptions>
{
    public ValidateOptionsResult Validate(string? name, SuperOfficeOptions options)
    {
        var result = inner.Validate(name, options);
        if (!result.Failed)
        {
            return result;
        }
        var failures = result.Failures!.Where(f => !f.StartsWith("SuperOffice:ApiAssociateId", StringComparison.Ordinal)).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
