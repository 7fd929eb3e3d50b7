using System.Globalization;
using System.Text.Json;
using Connector.Core.Jobs;

namespace Connector.Cli.Output;

/// <summary>Jobs as text: a table row, or one job in full.</summary>
public static class JobText
{
    public static TextTable Table(IEnumerable<JobView> jobs)
    {
        var table = new TextTable("JOB", "STATUS", "REASON", "EVENT", "CONTACT", "RECEIVED (UTC)", "ATTEMPT");
        foreach (var job in jobs)
        {
            table.Add(job.JobId, job.Status.ToString(), job.Reason, job.Event, job.ContactId?.ToString(CultureInfo.InvariantCulture),
                Time(job.ReceivedAt), job.Attempt.ToString(CultureInfo.InvariantCulture));
        }
        return table;
    }

    public static void Write(TextWriter writer, JobView job)
    {
        void Line(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                writer.WriteLine($"{name,-14} {value}");
            }
        }
        Line("Job", job.JobId);
        Line("Kind", job.Kind);
        Line("Status", job.Status.ToString());
        Line("Reason", job.Reason);
        Line("Message", job.Message);
        Line("Event", job.Event);
        Line("Contact", job.ContactId?.ToString(CultureInfo.InvariantCulture));
        Line("Changed by", job.ChangedByAssociateId?.ToString(CultureInfo.InvariantCulture));
        Line("Changes", string.Join(", ", job.Changes));
        Line("Event time", job.EventTimestamp is { } e ? Time(e) : null);
        Line("Received", Time(job.ReceivedAt));
        Line("Queued", job.QueuedAt is { } q ? Time(q) : null);
        Line("Updated", Time(job.UpdatedAt));
        Line("Attempt", job.Attempt.ToString(CultureInfo.InvariantCulture));
        // Search telemetry for it: Application Insights' transaction search, or operation_Id == "<trace id>" in KQL.
        Line("Trace", job.TraceId);
        if (job.Details is { } details)
        {
            writer.WriteLine("Details");
            writer.WriteLine(JsonSerializer.Serialize(details, CliJson.Output.JsonElement));
        }
    }

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
