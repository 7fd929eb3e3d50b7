namespace Connector.Core.Sync;

/// <summary>Settings of section <c>Sync</c>: what the worker writes, and the guards that stop loops.</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";
    /// <summary>
    /// The contact table's columns that feed the enrichment request (name, department, VAT number, country, business,
    /// category). A web address is no contact column (it lives in the URL table), so a URL-only change is not watched.
    /// </summary>
    public const string DefaultWatchedFields = "name,department,orgNr,country_id,business_idx,category_idx";

    /// <summary>
    /// Company Explorer field → contact UDF, <c>vertical=SuperOffice:5;summary=SuperOffice:6</c>. A target may be a
    /// UDF label (<c>summary=Zusammenfassung (KI)</c>); labels are resolved through the published layout (<c>Contact/UdefLayout/Published</c>) at start-up.
    /// </summary>
    public string FieldMap { get; set; } = "";

    /// <summary>
    /// <c>FillEmpty</c> (default), <c>Overwrite</c> or <c>OverwriteOwn</c> for every field, or per field:
    /// <c>vertical=Overwrite;summary=OverwriteOwn</c> (unlisted fields: FillEmpty).
    /// </summary>
    public string Overwrite { get; set; } = nameof(OverwritePolicy.FillEmpty);

    /// <summary>
    /// Columns of the contact table, as a webhook's <c>Changes</c> names them (compared ignoring case); a
    /// <c>contact.changed</c> touching none of them is skipped (<c>NoRelevantChange</c>). A name that is no contact column
    /// is warned about at start-up (<see cref="Connector.Core.SuperOffice.ContactTableColumns"/>).
    /// </summary>
    public string WatchedFields { get; set; } = DefaultWatchedFields;

    /// <summary>More writes than this to one contact within an hour are refused (<c>LoopSuspected</c>).</summary>
    public int MaxWritesPerContactPerHour { get; set; } = 3;

    public UnreadableUdfPolicy UnreadableUdfPolicy { get; set; } = UnreadableUdfPolicy.WriteMapped;

    /// <summary>Do everything but the PATCH; the job records the patch it would have sent.</summary>
    public bool DryRun { get; set; }

    /// <summary>Processing attempts for transient errors before the job fails and its message goes to the poison queue.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; each next one is four times longer (capped at 15 minutes), or Retry-After if longer.</summary>
    public int RetryBaseDelaySeconds { get; set; } = 30;

    /// <summary>How long a job waits when another job is working on the same contact (it is then usually superseded).</summary>
    public double ContactBusyDelaySeconds { get; set; } = 5;

    /// <summary>Whether a <c>contact.changed</c> with these <c>Changes</c> touches a watched column (ignoring case).</summary>
    public bool Watches(IEnumerable<string> changes)
    {
        var watched = WatchedFieldSet;
        return changes.Any(watched.Contains);
    }

    public IReadOnlySet<string> WatchedFieldSet =>
        WatchedFields.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
