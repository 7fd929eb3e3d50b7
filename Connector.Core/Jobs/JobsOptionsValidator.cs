using Microsoft.Extensions.Options;

namespace Connector.Core.Jobs;

public sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public const int MaxRetentionDays = 3650;

    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var failures = new List<string>();
        if (options.RetentionDays is < 1 or > MaxRetentionDays)
        {
            failures.Add($"Jobs:RetentionDays must be between 1 and {MaxRetentionDays} (days of job history to keep).");
        }
        if (options.PurgeBatchSize is < 1 or > 100)
        {
            failures.Add("Jobs:PurgeBatchSize must be between 1 and 100.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
