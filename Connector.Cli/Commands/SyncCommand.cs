using System.CommandLine;
using System.Globalization;
using Azure.Storage.Queues;
using Connector.Cli.Output;
using Connector.Core.Configuration;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Core.Sync;

namespace Connector.Cli.Commands;

/// <summary>
/// <c>sync &lt;contactId&gt; [--dry-run]</c>: the worker's cycle for one contact, now, in this process. Records a job with
/// event <c>manual</c> (no event guards apply) and prints it when the cycle ends.
/// With <c>--dry-run</c> nothing is written to SuperOffice, and a retry the cycle schedules goes to a scratch queue
/// that is deleted afterwards, so no worker ever runs the job for real.
/// </summary>
public static class SyncCommand
{
    public static Command Create(CommandBinder binder)
    {
        var contactId = new Argument<int>("contactId") { Description = "The contact (company) id." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Do everything but the write; the job records what would be written." };
        var command = new Command("sync", "Run the sync cycle (fetch, enrich, diff, write) for one contact now and print the job record.") { contactId, dryRun };

        return binder.Bind(command, async (scope, cancellationToken) =>
        {
            var id = scope.ParseResult.GetValue(contactId);
            var dry = scope.ParseResult.GetValue(dryRun);
            string? scratchQueue = null;
            if (dry)
            {
                scope.Override("Sync:DryRun", "true");
                scratchQueue = "dryrun-" + Guid.NewGuid().ToString("N")[..12];
                var queueName = scratchQueue;
                scope.UseStorageNames(names => names with { SyncQueue = queueName });
            }

            scope.RequireStorage();
            var time = scope.Get<TimeProvider>();
            var now = time.GetUtcNow();
            var tenant = scope.Options<SuperOfficeOptions>().ContextIdentifier;
            var jobId = $"manual-{id.ToString(CultureInfo.InvariantCulture)}-{now:yyyyMMddHHmmssfff}";
            var jobs = scope.Get<JobLifecycle>();
            var added = await jobs.CreateAsync(JobRecords.ForManualSync(jobId, id, tenant, now, dry ? "Dry run from the CLI." : "Run from the CLI."),
                    cancellationToken).ConfigureAwait(false)
                ?? throw new CliFailureException($"Job {jobId} exists already; try again.");

            JobRecord finished;
            try
            {
                finished = await scope.Get<ContactSyncProcessor>()
                    .ProcessAsync(JobRecords.MessageFor(added), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (scratchQueue is not null)
                {
                    await DeleteScratchQueuesAsync(scope, cancellationToken).ConfigureAwait(false);
                }
            }

            if (dry && !finished.IsFinished)
            {
                // Its retry went to the scratch queue, which is gone: the job ends here.
                finished = await jobs.FailIfUnendedAsync(jobId, JobOutcome.Failed("DryRun", $"Dry run stopped while {finished.Status}: {finished.Message}"),
                    cancellationToken).ConfigureAwait(false) ?? finished;
            }

            var view = JobView.From(finished);
            if (scope.Json)
            {
                scope.WriteJson(view, CliJson.Output.JobView);
            }
            else
            {
                JobText.Write(scope.Out, view);
            }
            return finished.Status switch
            {
                JobStatus.Completed => ExitCodes.Success,
                JobStatus.Skipped or JobStatus.Failed => throw new CliFailureException(
                    $"Job {jobId} {finished.Status.ToString().ToLowerInvariant()}: {finished.Reason}: {finished.Message}".TrimEnd(' ', ':')),
                _ => throw new CliFailureException($"Job {jobId} is {finished.Status}: {finished.Message} The worker takes it from the queue; follow it with `so-connector jobs show {jobId}`."),
            };
        });
    }

    private static async Task DeleteScratchQueuesAsync(CommandScope scope, CancellationToken cancellationToken)
    {
        var names = scope.Get<StorageNames>();
        var queues = scope.Get<QueueServiceClient>();
        await queues.GetQueueClient(names.SyncQueue).DeleteIfExistsAsync(CancellationToken.None).ConfigureAwait(false);
        await queues.GetQueueClient(names.PoisonQueue).DeleteIfExistsAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
