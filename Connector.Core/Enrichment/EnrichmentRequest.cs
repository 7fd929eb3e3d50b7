namespace Connector.Core.Enrichment;

/// <summary>
/// The Company Explorer contract, request side: <c>POST {BaseUrl}{EnrichPath}</c> with header <c>X-Api-Key</c>.
/// <para>Answers: 200 <c>{"fields": {"vertical": "...", "summary": "...", ...}, "version": "..."}</c>;
/// 202 <c>{"status": "pending"}</c> with <c>Retry-After</c> (still analysing: reschedule, never wait);
/// 404 or 422 (cannot enrich this company); anything else is an error (5xx/429/timeouts are transient).</para>
/// </summary>
public sealed record EnrichmentRequest(
    string Source,
    string? Tenant,
    int ContactId,
    string? Name,
    string? Department,
    string? OrgNr,
    IReadOnlyList<string> Urls,
    IReadOnlyList<string> Domains,
    string? Country,
    string? City,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    string? Category,
    string? Business);
