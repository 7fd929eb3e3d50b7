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
    /// Writes the given UDFs (ProgId → stored form; null is written as <c>""</c>, which clears the field, because a
    /// merge-patch null would mean "remove the key") and nothing else. <c>SuperOffice:UdfWriteMode</c> chooses a
    /// merge patch (default; that SuperOffice applies it to <c>UserDefinedFields</c> is UNCONFIRMED, reference §3.3)
    /// or GET → change → PUT. Returns the contact as SuperOffice answered.
    /// </summary>
    public async Task<SuperOfficeContact> PatchUserDefinedFieldsAsync(int contactId, IDictionary<string, string?> values, CancellationToken cancellationToken = default)
    {
        var encoded = values.ToDictionary(v => v.Key, v => v.Value ?? "", StringComparer.Ordinal);
        if (options.CurrentValue.UdfWriteMode == UdfWriteMode.Put)
        {
            return await PutUserDefinedFieldsAsync(contactId, encoded, cancellationToken).ConfigureAwait(false);
        }
        var body = JsonSerializer.Serialize(new UdfMergePatch(encoded), SuperOfficeJson.Default.UdfMergePatch);
        var json = await http.SendAsync(HttpMethod.Patch, ContactPath(contactId), body, cancellationToken, SuperOfficeHttp.MergePatchMediaType).ConfigureAwait(false);
        logger.LogInformation("Patched {Count} UDFs of contact {ContactId}", encoded.Count, contactId);
        return await AnswerOrReloadAsync(json, contactId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SuperOfficeContact> PutUserDefinedFieldsAsync(int contactId, Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        var current = await http.SendAsync(HttpMethod.Get, ContactPath(contactId), null, cancellationToken).ConfigureAwait(false);
        var entity = JsonNode.Parse(current) as JsonObject
                     ?? throw new SuperOfficeApiException($"GET {ContactPath(contactId)} did not answer a JSON object.", System.Net.HttpStatusCode.OK, null, isTransient: false);
        var key = entity.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "UserDefinedFields", StringComparison.OrdinalIgnoreCase)) ?? "UserDefinedFields";
        if (entity[key] is not JsonObject udfs)
        {
            // Unreadable UDFs are not sent back as they came: only ours are written.
            udfs = new JsonObject();
            entity[key] = udfs;
        }
        foreach (var (progId, value) in values)
        {
            udfs[progId] = value;
        }
        var json = await http.SendAsync(HttpMethod.Put, ContactPath(contactId), entity.ToJsonString(), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Wrote {Count} UDFs of contact {ContactId} by GET/PUT", values.Count, contactId);
        return await AnswerOrReloadAsync(json, contactId, cancellationToken).ConfigureAwait(false);
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
