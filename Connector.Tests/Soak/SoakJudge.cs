using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Core.Jobs;
using Connector.Sandbox.CompanyExplorer;
using Connector.Sandbox.Tenant;

namespace Connector.Tests.Soak;

/// <summary>
/// Judges a soak run from its evidence: one line per promise (every change enriched once, no write repeated, no loop,
/// nothing lost, no secret shown), plus the counts that explain them and proof that every fault kind struck.
/// </summary>
public static partial class SoakJudge
{
    private const string UdfVertical = "SuperOffice:5";
    private const string UdfSummary = "SuperOffice:6";

    public static IReadOnlyList<SoakLine> Lines(SoakEvidence e)
    {
        var lines = new List<SoakLine>();
        var renames = e.Script.Where(c => c.Kind == SoakChangeKind.Rename).ToList();
        var pairs = e.Script.GroupBy(c => c.Group).Count(g => g.Count() > 1);
        lines.Add(new("edits by people", $"{e.Script.Count} ({renames.Count} renames, {e.Script.Count - renames.Count} unwatched fields, {pairs} concurrent pairs)"));

        // Events and their deliveries.
        var raised = e.Events.Where(ev => ev.GetProperty("queuedFor").GetArrayLength() > 0).ToList();
        var echoes = raised.Count(ev => ev.GetProperty("changedByAssociateId").GetInt32() == e.ApiAssociateId);
        lines.Add(Must("events raised by people's edits", raised.Count - echoes, e.Script.Count));
        lines.Add(new("events raised by the connector's own writes (echoes)", Text(echoes)));
        var deliveries = e.Deliveries.Where(d => d.GetProperty("sequence").GetInt64() > 0).ToList();
        var accepted = deliveries.Where(d => d.GetProperty("status").GetInt32() == 200).ToList();
        var lostAnswers = accepted.Count(d => d.GetProperty("answerLost").GetBoolean());
        lines.Add(new("delivery attempts", $"{deliveries.Count}: {accepted.Count} answered 200 ({lostAnswers} answers lost, so sent again), {deliveries.Count - accepted.Count} failed"));
        var acceptedSequences = accepted.Select(d => d.GetProperty("sequence").GetInt64()).ToHashSet();
        lines.Add(Must("events never accepted (lost)", raised.Count(ev => !acceptedSequences.Contains(ev.GetProperty("sequence").GetInt64())), 0));

        // Jobs.
        var acceptedIds = accepted.Select(d => d.GetProperty("eventId").GetString()!).ToHashSet();
        var jobs = e.JobsAtEnd;
        lines.Add(Must("distinct accepted events without a job", acceptedIds.Count(id => !jobs.ContainsKey(id)), 0,
            $" ({acceptedIds.Count} distinct events, {acceptedIds.Count(jobs.ContainsKey)} jobs)"));
        var refused = jobs.Values.Where(j => !acceptedIds.Contains(j.JobId)).ToList();
        lines.Add(Must("jobs of deliveries refused with 5xx that moved past Received", refused.Count(j => j.Status != JobStatus.Received), 0,
            $" ({refused.Count} such jobs: recorded, never queued; SuperOffice sent the event again)"));
        var acceptedJobs = jobs.Values.Where(j => acceptedIds.Contains(j.JobId)).ToList();
        foreach (var group in acceptedJobs.GroupBy(j => j.Reason is null ? $"{j.Status}" : $"{j.Status} / {j.Reason}").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add(new($"  jobs {group.Key}", Text(group.Count())));
        }
        lines.Add(Must("jobs left Received, Queued, Processing or Retrying", acceptedJobs.Count(j =>
            j.Status is JobStatus.Received or JobStatus.Queued or JobStatus.Processing or JobStatus.Retrying), 0));
        lines.Add(Must("echo jobs not skipped as SelfChange", acceptedJobs.Count(j =>
            j.ChangedByAssociateId == e.ApiAssociateId && !(j.Status == JobStatus.Skipped && j.Reason == JobReasons.SelfChange)), 0));
        lines.Add(Must("loops detected (LoopSuspected)", acceptedJobs.Count(j => j.Reason == JobReasons.LoopSuspected), 0));

        // Enrichment: every renamed company holds Company Explorer's answer for its final name (a value a person typed
        // before stays where the connector can see it).
        var renamed = renames.Select(r => r.ContactId).Distinct().Order().ToList();
        var wrong = renamed.Where(id => !Enriched(e.Companies[id], e.FinalContacts[id])).ToList();
        lines.Add(new("companies to enrich / enriched", $"{renamed.Count} / {renamed.Count - wrong.Count}{(wrong.Count > 0 ? " (not: " + string.Join(", ", wrong.Take(8)) + ")" : "")}",
            "equal", wrong.Count == 0));
        foreach (var id in wrong.Take(3))
        {
            lines.Add(new($"    company {id}", Explain(e, id)));
        }

        // Writes: never more per company than renames that needed one; none for echoes or unwatched edits.
        var writes = Writes(e.Requests);
        var renamesPer = renames.GroupBy(r => r.ContactId).ToDictionary(g => g.Key, g => g.Count());
        var over = writes.Where(w => w.Value > renamesPer.GetValueOrDefault(w.Key)).Select(w => w.Key).Order().ToList();
        lines.Add(new("writes that landed (PATCH 200)", $"{writes.Values.Sum()} for {renames.Count} renames; most for one company {(writes.Count == 0 ? 0 : writes.Values.Max())}"));
        lines.Add(Must("companies written more often than renamed", over.Count, 0, over.Count > 0 ? " (" + string.Join(", ", over.Take(8)) + ")" : ""));
        foreach (var id in over.Take(3))
        {
            lines.Add(new($"    company {id}", Explain(e, id)));
        }

        // Poison and replay.
        lines.Add(new("messages in poison", Text(e.Poisoned.Count)));
        lines.Add(Must("poison messages without a Failed job saying why", e.Poisoned.Count(id =>
            !(e.JobsBeforeReplay.TryGetValue(id, out var job) && job.Status == JobStatus.Failed && !string.IsNullOrEmpty(job.Reason))), 0));
        foreach (var group in e.JobsBeforeReplay.Values.Where(j => j.Status == JobStatus.Failed).GroupBy(j => j.Reason).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add(new($"  failed before the replay: {group.Key}", $"{group.Count()} (e.g. {Short(group.First().Message)})"));
        }
        var replayedOk = e.Replayed.Count(id => jobs.TryGetValue(id, out var job) && job.Status is JobStatus.Completed or JobStatus.Skipped);
        foreach (var group in e.Replayed.Select(id => jobs.GetValueOrDefault(id)).Where(j => j is not null && j.Status is not (JobStatus.Completed or JobStatus.Skipped))
                     .GroupBy(j => $"{j!.Status} / {j.Reason}"))
        {
            lines.Add(new($"  replayed, ended {group.Key}", $"{group.Count()} (e.g. {Short(group.First()!.Message)})"));
        }
        lines.Add(Must("replayed failed jobs that then ended well", replayedOk, e.Replayed.Count, $" of {e.Replayed.Count}"));
        lines.Add(new("settled after the faults and after the replay", e.Settled ? "yes" : "no", "yes", e.Settled));

        // Secrets.
        lines.Add(new("captured", $"{e.LogLines} log lines, {e.Spans} spans, {e.Measurements} measurements; worker errors seen by the host {e.WorkerErrors}"));
        lines.Add(new("secrets found in logs and telemetry", e.SecretsFound.Count == 0 ? "0" : $"{e.SecretsFound.Count}: {string.Join("; ", e.SecretsFound.Distinct().Take(5))}",
            "0", e.SecretsFound.Count == 0));

        // Proof that every fault struck.
        var struck = FaultsStruck(e);
        foreach (var (kind, count) in struck)
        {
            lines.Add(new($"  fault struck: {kind}", Text(count)));
        }
        var never = struck.Where(s => s.Count == 0).Select(s => s.Kind).ToList();
        lines.Add(new("fault kinds that never struck", never.Count == 0 ? "none" : string.Join(", ", never), "none", never.Count == 0));
        return lines;
    }

    /// <summary>What a company that was not enriched holds, and what happened to its events, so a failed run says why.</summary>
    private static string Explain(SoakEvidence e, int id)
    {
        var udfs = e.FinalContacts[id].GetProperty("UserDefinedFields");
        var held = $"holds '{udfs.GetProperty(UdfVertical)}' / '{Short(udfs.GetProperty(UdfSummary).ToString())}' (shape {e.Companies[id].Shape})";
        var deliveries = e.Deliveries.Where(d => d.GetProperty("primaryKey").GetInt32() == id)
            .GroupBy(d => d.GetProperty("status").GetInt32()).Select(g => $"{g.Count()}x{g.Key}");
        var jobs = e.JobsAtEnd.Values.Where(j => j.ContactId == id).OrderBy(j => j.ReceivedAt)
            .Select(j => $"{j.ReceivedAt:HH:mm:ss.fff} by {j.ChangedByAssociateId} {j.Status}/{j.Reason} attempt {j.Attempt}: {Short(j.Message)}");
        var writes = e.Requests.Where(r => r.GetProperty("method").GetString() is "PATCH" or "PUT"
                && ContactPath().Match(r.GetProperty("path").GetString() ?? "") is { Success: true } m && m.Groups[1].Value == id.ToString(CultureInfo.InvariantCulture))
            .Select(r => $"{r.GetProperty("at").GetDateTimeOffset():HH:mm:ss.fff} {r.GetProperty("status").GetInt32()}");
        var renames = e.Script.Count(c => c.ContactId == id && c.Kind == SoakChangeKind.Rename);
        return $"{held}; {renames} rename(s); writes {string.Join(" ", writes)}; deliveries {string.Join(" ", deliveries)}; jobs: {string.Join(" | ", jobs)}";
    }

    private static bool Enriched(SoakCompany before, JsonElement contact)
    {
        var name = contact.GetProperty("Name").GetString() ?? "";
        var urls = contact.GetProperty("Urls");
        var url = urls.GetArrayLength() > 0 ? urls[0].GetProperty("Value").GetString() ?? "" : "";
        var vertical = CompanyExplorerStub.VerticalOf(name, url);
        var summary = CompanyExplorerStub.SummaryOf(name, url, vertical);
        // Where the connector cannot read the fields, it cannot tell a typed value from an empty one and writes.
        var readable = UdfShapes.IsReadable(before.Shape);
        var udfs = contact.GetProperty("UserDefinedFields");
        return udfs.GetProperty(UdfVertical).GetString() == (readable && before.Vertical is { } typedVertical ? typedVertical : vertical)
            && udfs.GetProperty(UdfSummary).GetString() == (readable && before.Summary is { } typedSummary ? typedSummary : summary);
    }

    private static Dictionary<int, int> Writes(IReadOnlyList<JsonElement> requests)
    {
        var writes = new Dictionary<int, int>();
        foreach (var request in requests)
        {
            var method = request.GetProperty("method").GetString();
            var status = request.GetProperty("status").GetInt32();
            if (method is "PATCH" or "PUT" && status is >= 200 and < 300 && ContactPath().Match(request.GetProperty("path").GetString() ?? "") is { Success: true } match)
            {
                var id = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                writes[id] = writes.GetValueOrDefault(id) + 1;
            }
        }
        return writes;
    }

    private static List<(string Kind, int Count)> FaultsStruck(SoakEvidence e)
    {
        int Status(int status) => e.Requests.Count(r => r.GetProperty("status").GetInt32() == status && !IsCompanyExplorer(r));
        var ce = e.CompanyExplorerFaults;
        return
        [
            ("SuperOffice 429", Status(429)),
            ("SuperOffice 500", Status(500)),
            ("SuperOffice latency", e.Requests.Count(r => r.GetProperty("delayedMs").GetInt32() > 0)),
            ("access token expired (401 answers)", e.TokenExpiries > 0 ? Status(401) : 0),
            ("tenant maintenance (503 answers)", Status(503)),
            ("Company Explorer 503", ce.GetProperty("failed").GetInt32()),
            ("Company Explorer held past the timeout", ce.GetProperty("hung").GetInt32()),
            ("Company Explorer 202 pending", ce.GetProperty("pending").GetInt32()),
            ("storage request failed", e.StorageFaults.Failed),
            ("storage request delayed", e.StorageFaults.Delayed),
            ("webhook answer lost (delivered twice)", e.Deliveries.Count(d => d.GetProperty("answerLost").GetBoolean())),
            ("webhook payload held back (late)", e.WebhookSender.GetProperty("late").GetInt32()),
            ("concurrent edits of one company", e.Script.GroupBy(c => c.Group).Count(g => g.Count() > 1)),
        ];
    }

    private static bool IsCompanyExplorer(JsonElement request) =>
        request.GetProperty("path").GetString()?.StartsWith("/companyexplorer/", StringComparison.OrdinalIgnoreCase) == true;

    private static SoakLine Must(string check, int value, int expected, string note = "") =>
        new(check, Text(value) + note, Text(expected), value == expected);

    private static string Short(string? text) => text is null ? "-" : text.Length <= 160 ? text : text[..160] + "...";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/v1/Contact/(\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ContactPath();
}
