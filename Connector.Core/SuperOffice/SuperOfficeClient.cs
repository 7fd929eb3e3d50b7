using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.SuperOffice;

/// <summary>
/// The tenant's REST API: contacts and their UDFs, the API user, product families, the UDF layout, and raw GETs for
/// debugging. Failures come out as <see cref="SuperOfficeApiException"/> (incl. its subtypes).
/// </summary>
public sealed class SuperOfficeClient(SuperOfficeHttp http, IOptionsMonitor<SuperOfficeOptions> options, ILogger<SuperOfficeClient> logger)
{
    public async Task<SuperOfficeContact> GetContactAsync(int contactId, CancellationToken cancellationToken = default)
    {
        var json = await http.SendAsync(HttpMethod.Get, ContactPath(contactId), null, cancellationToken).ConfigureAwait(false);
        return ParseContact(json, contactId);
    }

    /// <summary>
    /// Writes the given UDFs (ProgId → stored form; null is written as <c>""</c>, which clears the field) and nothing
    /// else, without testing what they held. Returns the contact as SuperOffice answered.
    /// </summary>
    public Task<SuperOfficeContact> PatchUserDefinedFieldsAsync(int contactId, IDictionary<string, string?> values, CancellationToken cancellationToken = default) =>
        WriteUserDefinedFieldsAsync(contactId, [.. values.Select(v => new UdfWrite(v.Key, v.Value ?? ""))], cancellationToken);

    /// <summary>
    /// Writes the given UDFs and nothing else, each one with <see cref="UdfWrite.Expected"/> only if the field still
    /// holds that value: <c>SuperOffice:UdfWriteMode</c> <c>Patch</c> (default) sends a JSON Patch with a <c>test</c>
    /// before each such <c>replace</c>; <c>Put</c> reads the contact, checks the values itself and PUTs it back.
    /// Throws <see cref="SuperOfficeConflictException"/>, having written nothing, when a field changed since it was read.
    /// Returns the contact as SuperOffice answered.
    /// </summary>
    public async Task<SuperOfficeContact> WriteUserDefinedFieldsAsync(int contactId, IReadOnlyList<UdfWrite> writes, CancellationToken cancellationToken = default)
    {
        if (options.CurrentValue.UdfWriteMode == UdfWriteMode.Put)
        {
            return await PutUserDefinedFieldsAsync(contactId, writes, cancellationToken).ConfigureAwait(false);
        }
        string json;
        try
        {
            json = await http.SendAsync(HttpMethod.Patch, ContactPath(contactId), UdfJsonPatch.Build(writes), cancellationToken, SuperOfficeHttp.JsonPatchMediaType)
                .ConfigureAwait(false);
        }
        catch (SuperOfficeApiException e) when (e.StatusCode is System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.PreconditionFailed)
        {
            throw new SuperOfficeConflictException($"Contact {contactId} was not written: a field no longer holds the value it was read with ({e.Message})",
                e.StatusCode, e.SuperOfficeMessage, e);
        }
        logger.LogInformation("Patched {Count} UDFs of contact {ContactId} ({Tested} tested first)", writes.Count, contactId, writes.Count(w => w.Expected is not null));
        return await AnswerOrReloadAsync(json, contactId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// GET → check → change → PUT. The check stands in for the JSON Patch tests; a change that lands between this GET
    /// and the PUT is not detected (the PUT carries no precondition), a window of one round trip.
    /// </summary>
    private async Task<SuperOfficeContact> PutUserDefinedFieldsAsync(int contactId, IReadOnlyList<UdfWrite> writes, CancellationToken cancellationToken)
    {
        var current = await http.SendAsync(HttpMethod.Get, ContactPath(contactId), null, cancellationToken).ConfigureAwait(false);
        var entity = JsonNode.Parse(current) as JsonObject
                     ?? throw new SuperOfficeApiException($"GET {ContactPath(contactId)} did not answer a JSON object.", System.Net.HttpStatusCode.OK, null, isTransient: false);
        var key = entity.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, UdfJsonPatch.UserDefinedFields, StringComparison.OrdinalIgnoreCase))
                  ?? UdfJsonPatch.UserDefinedFields;
        var readable = entity[key] as JsonObject;
        if (writes.FirstOrDefault(w => w.Expected is not null && StoredString(readable, w.ProgId) != w.Expected) is { } changed)
        {
            throw new SuperOfficeConflictException(
                $"Contact {contactId} was not written: {changed.ProgId} no longer holds the value it was read with.", null, null);
        }
        // Unreadable UDFs are not sent back as they came: only ours are written.
        var udfs = readable ?? new JsonObject();
        entity[key] = udfs;
        foreach (var write in writes)
        {
            udfs[write.ProgId] = write.Value;
        }
        var json = await http.SendAsync(HttpMethod.Put, ContactPath(contactId), entity.ToJsonString(), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Wrote {Count} UDFs of contact {ContactId} by GET/PUT", writes.Count, contactId);
        return await AnswerOrReloadAsync(json, contactId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The field's value when the UDFs hold it as a JSON string (the form a test compares), else null.</summary>
    private static string? StoredString(JsonObject? udfs, string progId)
    {
        var node = udfs is null ? null
            : udfs.TryGetPropertyValue(progId, out var exact) ? exact
            : udfs.FirstOrDefault(p => string.Equals(p.Key, progId, StringComparison.OrdinalIgnoreCase)).Value;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
    }

    /// <summary><c>POST v1/Contact</c>; returns the created contact (SuperOffice answers 200 with the entity).</summary>
    public async Task<SuperOfficeContact> CreateContactAsync(NewContact contact, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(contact with { ContactId = 0 }, SuperOfficeJson.Default.NewContact);
        var json = await http.SendAsync(HttpMethod.Post, "v1/Contact", body, cancellationToken).ConfigureAwait(false);
        var created = ParseContact(json, 0);
        logger.LogInformation("Created contact {ContactId}", created.ContactId);
        return created;
    }

    public async Task<CurrentPrincipal> GetCurrentPrincipalAsync(CancellationToken cancellationToken = default)
    {
        using var document = await http.SendForJsonAsync(HttpMethod.Get, "v1/User/currentPrincipal", null, cancellationToken).ConfigureAwait(false);
        return CurrentPrincipal.Parse(document.RootElement);
    }

    public async Task<IReadOnlyList<ProductFamily>> GetProductFamiliesAsync(bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        var path = "v1/List/ProductFamily/Items" + (includeDeleted ? "?includeDeleted=true" : "");
        using var document = await http.SendForJsonAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return ProductFamily.ParseList(document.RootElement);
    }

    /// <summary>
    /// <c>GET v1/Contact/UdefLayout/Published</c>: ProgId ↔ label ↔ type ↔ text length of every contact UDF as published,
    /// which is what contacts hold. <c>Contact/UdefLayout</c> is the layout an administrator is editing and may hold
    /// labels and fields that no contact has yet.
    /// </summary>
    public async Task<UdefLayout> GetContactUdefLayoutAsync(CancellationToken cancellationToken = default)
    {
        using var document = await http.SendForJsonAsync(HttpMethod.Get, "v1/Contact/UdefLayout/Published", null, cancellationToken).ConfigureAwait(false);
        return UdefLayout.Parse(document.RootElement);
    }

    /// <summary>A GET for debugging: the body exactly as SuperOffice returned it. <paramref name="relativePath"/> as <c>v1/Contact/5</c>.</summary>
    public Task<string> GetRawAsync(string relativePath, CancellationToken cancellationToken = default) =>
        http.SendAsync(HttpMethod.Get, relativePath, null, cancellationToken);

    private static string ContactPath(int contactId) => "v1/Contact/" + contactId.ToString(CultureInfo.InvariantCulture);

    private async Task<SuperOfficeContact> AnswerOrReloadAsync(string json, int contactId, CancellationToken cancellationToken) =>
        json.TrimStart().StartsWith('{') ? ParseContact(json, contactId) : await GetContactAsync(contactId, cancellationToken).ConfigureAwait(false);

    private static SuperOfficeContact ParseContact(string json, int contactId)
    {
        try
        {
            return SuperOfficeContact.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SuperOfficeApiException($"SuperOffice's answer for contact {contactId} is not a JSON object.", System.Net.HttpStatusCode.OK, null, isTransient: false, e);
        }
    }
}
