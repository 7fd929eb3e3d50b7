using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox.Archives;
using Connector.Sandbox.Auth;
using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Api;

/// <summary>REST v1 under <c>/{ContextIdentifier}/api/v1/</c>. Every call needs Bearer or SOTicket credentials.</summary>
public static class SuperOfficeApi
{
    public static void Map(WebApplication app, SandboxServer server)
    {
        var options = server.Options;
        var store = server.Store;
        var prefix = "/" + options.ContextIdentifier + "/api";

        app.MapGet(prefix, () => Results.Json(new Dictionary<string, object>
        {
            ["v1"] = server.ApiBaseUrl + "v1/", ["NetServerVersion"] = "10.5.0.0-sandbox", ["Version"] = "v1",
        }));

        var v1 = app.MapGroup(prefix + "/v1");

        // ---- Contact ----
        // The layout an administrator edits, and the published one contacts hold; the two differ until a publish.
        v1.MapGet("/Contact/UdefLayout", () => Results.Json(server.Layouts.Current.Select(f => LayoutEntry(f, server.Layouts))));
        v1.MapGet("/Contact/UdefLayout/Published", () => Results.Json(server.Layouts.Published.Select(f => LayoutEntry(f, server.Layouts))));

        // Answers (GET, and the full entity after PATCH/PUT/POST) show UDFs in the tenant's form (UdfShapes).
        IResult ContactAnswer(int id) =>
            store.ContactJsonOf(id, contactId => UdfShapes.Of(contactId, options)) is { } json ? Json(json) : NotFound($"Contact {id} does not exist.");

        v1.MapGet("/Contact/{id:int}", (int id) => ContactAnswer(id));

        // The FindContact archive (companies), on the same archive engine as the Sale archive.
        var contactArchive = FindContactArchive.Create();
        v1.MapGet("/Contact", (HttpContext context) =>
            Json(ArchiveEngine.Query(contactArchive, store.Contacts(), context.Request.Query, ArchiveContextOf(context), server.ApiBaseUrl.ToString())));

        v1.MapMethods("/Contact/{id:int}", ["PATCH"], async (int id, HttpRequest request, HttpContext context) =>
        {
            var body = await ReadBody(request);
            store.UpdateContact(id, doc => EntityPatch.Apply(doc, body), CallerOf(context).AssociateId, IfUnmodifiedSince(request));
            return ContactAnswer(id);
        });

        v1.MapPut("/Contact/{id:int}", async (int id, HttpRequest request, HttpContext context) =>
        {
            if (await ReadBody(request) is not JsonObject body)
            {
                throw new ApiError(400, "Validation", "PUT needs a ContactEntity object.");
            }
            // UNCONFIRMED: how PUT treats properties left out of the body. The sandbox keeps their values and
            // takes everything present (RFC 7396-like), which is what a GET -> modify -> PUT client needs.
            store.UpdateContact(id, doc => Overlay(doc, body), CallerOf(context).AssociateId, IfUnmodifiedSince(request));
            return ContactAnswer(id);
        });

        v1.MapPost("/Contact", async (HttpRequest request, HttpContext context) =>
        {
            if (await ReadBody(request) is not JsonObject body)
            {
                throw new ApiError(400, "Validation", "POST needs a ContactEntity object.");
            }
            // 200 with the created entity (docs/superoffice/rest-api.md).
            var created = store.CreateContact(body, CallerOf(context).AssociateId);
            return ContactAnswer(created["ContactId"]!.GetValue<int>());
        });

        // ---- User, lists ----
        v1.MapGet("/User/currentPrincipal", () => Results.Json(new Dictionary<string, object?>
        {
            ["UserType"] = "SystemAssociate",
            ["Associate"] = "SANDBOXAPI",
            ["AssociateId"] = options.ApiAssociateId,
            ["IsPerson"] = true,
            ["PersonId"] = 1000 + options.ApiAssociateId,
            ["ContactId"] = 1,
            ["CountryId"] = 276,
            ["HomeCountryId"] = 276,
            ["GroupId"] = 1,
            ["FullName"] = "Sandbox API",
            ["EMailAddress"] = "sandbox.api@example.com",
            ["RoleName"] = "API",
            ["Licenses"] = Array.Empty<object>(),
            ["FunctionRights"] = Array.Empty<string>(),
            ["DatabaseContextIdentifier"] = options.ContextIdentifier,
            ["UserName"] = "sandbox.api@example.com",
        }));

        v1.MapGet("/List/ProductFamily/Items", () => Results.Json(Lists.ProductFamilies.Select((p, index) => new Dictionary<string, object?>
        {
            ["Id"] = p.Item.Id, ["Name"] = p.Item.Name, ["Tooltip"] = p.Tooltip, ["Deleted"] = false,
            ["UdListDefinitionId"] = 65, ["Rank"] = index + 1, ["TableRight"] = null, ["FieldProperties"] = new { },
        })));

        // ---- The Webhook archive: definitions with their usage statistics (error counters, last error) ----
        var webhookArchive = WebhookArchive.Create();
        v1.MapGet("/Archive/Webhook", (HttpContext context) =>
            Json(ArchiveEngine.Query(webhookArchive, store.Webhooks(), context.Request.Query, ArchiveContextOf(context), server.ApiBaseUrl.ToString())));

        // ---- Sale ----
        var saleArchive = FindSaleArchive.Create(store.ContactName, options.UiAssociateId);
        v1.MapGet("/Sale", (HttpContext context) =>
            Json(ArchiveEngine.Query(saleArchive, store.Sales(), context.Request.Query, ArchiveContextOf(context), server.ApiBaseUrl.ToString())));
        v1.MapGet("/Sale/{id:int}", (int id) =>
        {
            if (store.SaleById(id) is not { } sale)
            {
                return NotFound($"Sale {id} does not exist.");
            }
            var contactName = sale.ContactId == 0 ? null : store.ContactName(sale.ContactId);
            return Json(new JsonObject
            {
                ["SaleId"] = sale.SaleId,
                ["Heading"] = sale.Heading,
                ["Amount"] = sale.Amount,
                ["Saledate"] = ContactJson.Date(sale.Date),
                ["Status"] = sale.Status,
                ["Contact"] = sale.ContactId == 0 ? null : new JsonObject { ["ContactId"] = sale.ContactId, ["Name"] = contactName },
                ["SaleText"] = sale.Description,
                ["Completed"] = sale.Status == "Open" ? "Started" : "Completed",
                ["CreatedDate"] = ContactJson.Date(sale.Registered),
                ["UpdatedDate"] = ContactJson.Date(sale.Updated),
                ["Currency"] = new JsonObject { ["Id"] = 1, ["Value"] = "EUR" },
                ["_Links"] = new JsonObject { ["Self"] = $"{server.ApiBaseUrl}v1/Sale/{sale.SaleId}" },
            });
        });

        // ---- Quote: shapes not emulated (UNCONFIRMED); the Quote500 switch makes every call fail with 500. ----
        v1.Map("/Quote/{**rest}", () => options.Quote500
            ? new ApiError(500, "SoException", "Quote service failed (sandbox fault switch Quote500).").ToResult()
            : NotFound("Quotes are not emulated by the sandbox."));

        WebhookApi.Map(v1, server);
    }

    /// <summary>One field of a layout answer. A publish gives every field a new UDefFieldId; UdefIdentity and ProgId stay.</summary>
    private static Dictionary<string, object?> LayoutEntry(UdfField f, UdfLayoutVersions layouts) => new()
    {
        ["UDefFieldId"] = 1000 * layouts.Generation + f.Id,
        ["ColumnId"] = 1000 + f.Id,
        ["FieldDefault"] = "",
        ["FieldLabel"] = f.Label,
        ["FieldType"] = f.FieldType,
        ["ProgId"] = f.ProgId,
        ["UdefIdentity"] = f.Id,
        ["UDListDefinitionId"] = f.ListDefinitionId,
        ["MdoListName"] = f.ListDefinitionId == 0 ? "" : $"udlist{f.ListDefinitionId}",
        ["TextLength"] = f.TextLength,
        ["IsMandatory"] = false,
        ["IsReadOnly"] = false,
        ["HasBeenPublished"] = layouts.IsPublished(f.ProgId),
        ["Version"] = layouts.Generation,
        ["TemplateVariableName"] = $"cudf{f.Id}",
    };

    /// <summary>PATCH and PUT Contact/{id} answer 412 when the contact changed after this time (both reference pages).</summary>
    private static DateTimeOffset? IfUnmodifiedSince(HttpRequest request) =>
        request.Headers.IfUnmodifiedSince.ToString() is { Length: > 0 } header &&
        DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;

    public static Caller CallerOf(HttpContext context) => (Caller)context.Items[typeof(Caller)]!;

    private static ArchiveContext ArchiveContextOf(HttpContext context) => new(CallerOf(context).AssociateId, DateTime.UtcNow);

    public static async Task<JsonNode> ReadBody(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) ?? throw new ApiError(400, "Validation", "The body is empty.");
        }
        catch (JsonException e)
        {
            throw new ApiError(400, "Validation", "The body is not JSON: " + e.Message);
        }
    }

    /// <summary>Sets every property of <paramref name="body"/> on the document (case-insensitive names).</summary>
    private static void Overlay(JsonObject document, JsonObject body)
    {
        foreach (var (key, value) in body)
        {
            var existing = document.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) ?? key;
            document[existing] = value?.DeepClone();
        }
    }

    /// <summary>Non-ASCII text as UTF-8, not \u escapes, as SuperOffice writes it.</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Json(JsonNode? json) => Results.Content(json?.ToJsonString(Relaxed) ?? "null", "application/json; charset=utf-8");

    public static IResult NotFound(string message) => new ApiError(404, "NotFound", message).ToResult();
}
