using Microsoft.Extensions.Options;

namespace Connector.Core.Sync;

/// <summary>Checks what can be checked without SuperOffice; targets are checked against the layout by <see cref="SyncStartupCheck"/>.</summary>
public sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        var failures = FieldMapParser.Parse(options).Errors.ToList();
        if (options.MaxWritesPerContactPerHour < 1)
        {
            failures.Add("Sync:MaxWritesPerContactPerHour must be at least 1.");
        }
        if (options.MaxAttempts is < 1 or > 20)
        {
            failures.Add("Sync:MaxAttempts must be between 1 and 20.");
        }
        if (options.RetryBaseDelaySeconds is < 0 or > 900)
        {
            failures.Add("Sync:RetryBaseDelaySeconds must be between 0 and 900.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
