using System.Text.Json.Nodes;
using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Admin;

/// <summary>The test and demo controls under <c>/admin</c> (no auth, camelCase JSON).</summary>
public static class AdminApi
{
    public sealed record FaultsChange(
        bool? MalformedUdfs, double? ThrottleShare, int? RetryAfterSeconds, bool? Quote500, int? LatencyMs, string? TenantState, double? ServerErrorShare,
        string? UdfShapes = null);

    public sealed record NewContact(string? Name, string? Department, string? OrgNr, string? Url, Dictionary<string, string>? Udfs);

    public sealed record ContactEdit(Dictionary<string, string>? Fields, Dictionary<string, string>? Udfs, int? AssociateId);

    public sealed record NewSale(string? Heading, decimal Amount, DateTime? Date, string? Status, int ContactId);

    /// <summary><c>outageStatus</c>: a status to fail every delivery with (0 = no answer); <c>endOutage</c> clears it.</summary>
    public sealed record WebhookFaultsChange(int? OutageStatus, bool? EndOutage, bool? ApiForbidden, bool? HideSecrets,
        double? LostAnswerShare, double? LateShare, int? LateMs);

    public static object WebhookFaults(SandboxOptions o) => new
    {
        outageStatus = o.WebhookOutageStatus, apiForbidden = o.WebhookApiForbidden, hideSecrets = o.WebhookHideSecrets,
        lostAnswerShare = o.WebhookLostAnswerShare, lateShare = o.WebhookLateShare, lateMs = o.WebhookLateMs,
    };

    public sealed record CompanyExplorerChange(int? PendingCount, int? FailStatus, int? RetryAfterSeconds, double? FailShare, double? HangShare, int? HangMs);

    public static object Faults(SandboxOptions o) => new
    {
        malformedUdfs = o.MalformedUdfs, throttleShare = o.ThrottleShare, retryAfterSeconds = o.RetryAfterSeconds,
        quote500 = o.Quote500, latencyMs = o.LatencyMs, tenantState = o.TenantState, serverErrorShare = o.ServerErrorShare,
        udfShapes = o.UdfShapes,
    };

    public static void ApplyFaults(SandboxOptions o, FaultsChange change)
    {
        o.MalformedUdfs = change.MalformedUdfs ?? o.MalformedUdfs;
        o.ThrottleShare = change.ThrottleShare ?? o.ThrottleShare;
        o.RetryAfterSeconds = change.RetryAfterSeconds ?? o.RetryAfterSeconds;
        o.Quote500 = change.Quote500 ?? o.Quote500;
        o.LatencyMs = change.LatencyMs ?? o.LatencyMs;
        o.TenantState = change.TenantState ?? o.TenantState;
        o.ServerErrorShare = change.ServerErrorShare ?? o.ServerErrorShare;
        o.UdfShapes = change.UdfShapes ?? o.UdfShapes;
    }

    /// <summary>An edit as a merge patch on the contact document: fields by property name, UDFs by ProgId.</summary>
    public static JsonObject EditPatch(IReadOnlyDictionary<string, string>? fields, IReadOnlyDictionary<string, string>? udfs)
    {
        var patch = new JsonObject();
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            patch[name] = name.Equals("Urls", StringComparison.OrdinalIgnoreCase) ? Urls(value) : value;
        }
        if (udfs is { Count: > 0 })
        {
            patch["UserDefinedFields"] = new JsonObject(udfs.Select(u => KeyValuePair.Create(u.Key, (JsonNode?)JsonValue.Create(u.Value))));
        }
        return patch;
    }

    private static JsonArray Urls(string? url) =>
        string.IsNullOrWhiteSpace(url) ? [] : [new JsonObject { ["Value"] = url }];

    public static void Map(WebApplication app, SandboxServer server)
    {
        var options = server.Options;
        var store = server.Store;
        var admin = app.MapGroup("/admin");

        admin.MapGet("/requests", () => server.Requests.Entries.Select(e => new
        {
            method = e.Method, path = e.Path, query = e.Query, status = e.Status, auth = e.Auth, at = e.At, host = e.Host, delayedMs = e.DelayedMs,
        }));
        admin.MapDelete("/requests", () =>
        {
            server.Requests.Clear();
            return Results.NoContent();
        });

        admin.MapGet("/faults", () => Faults(options));
        admin.MapPut("/faults", (FaultsChange change) =>
        {
            ApplyFaults(options, change);
            return Faults(options);
        });

        admin.MapPost("/tokens/expire", () =>
        {
            server.Tokens.ExpireAll();
            return Results.NoContent();
        });

        admin.MapGet("/webhooks/deliveries", () => server.Dispatcher.Deliveries);
        admin.MapGet("/webhooks/events", () => server.Dispatcher.Events);
        admin.MapGet("/webhooks/pending", () => new { pending = server.Dispatcher.PendingPayloads, late = server.Dispatcher.LatePayloads });
        admin.MapGet("/webhooks/faults", () => WebhookFaults(options));
        admin.MapPut("/webhooks/faults", (WebhookFaultsChange change) =>
        {
            options.WebhookOutageStatus = change.EndOutage == true ? null : change.OutageStatus ?? options.WebhookOutageStatus;
            options.WebhookApiForbidden = change.ApiForbidden ?? options.WebhookApiForbidden;
            options.WebhookHideSecrets = change.HideSecrets ?? options.WebhookHideSecrets;
            options.WebhookLostAnswerShare = change.LostAnswerShare ?? options.WebhookLostAnswerShare;
            options.WebhookLateShare = change.LateShare ?? options.WebhookLateShare;
            options.WebhookLateMs = change.LateMs ?? options.WebhookLateMs;
            return WebhookFaults(options);
        });

        admin.MapPost("/contacts", (NewContact body) =>
        {
            var entity = EditPatch(
                new Dictionary<string, string> { ["Name"] = body.Name ?? "", ["Department"] = body.Department ?? "", ["OrgNr"] = body.OrgNr ?? "" },
                body.Udfs);
            entity["Urls"] = Urls(body.Url);
            return Api.SuperOfficeApi.Json(store.CreateContact(entity, options.UiAssociateId));
        });

        admin.MapPost("/contacts/{id:int}/edit", (int id, ContactEdit body) =>
            Api.SuperOfficeApi.Json(store.UpdateContact(id, doc => EntityPatch.Apply(doc, EditPatch(body.Fields, body.Udfs)), body.AssociateId ?? options.UiAssociateId)));

        admin.MapGet("/contacts/{id:int}", (int id) =>
            store.ContactJsonOf(id, _ => UdfShape.Documented) is { } json ? Api.SuperOfficeApi.Json(json) : Api.SuperOfficeApi.NotFound($"Contact {id} does not exist."));

        admin.MapPost("/sales", (NewSale[] sales) => store.AddSales(sales.Select(s => (Func<int, Sale>)(id =>
        {
            var date = s.Date ?? DateTime.UtcNow;
            return new Sale(id, s.Heading ?? "", s.Amount, date, s.Status ?? "Open", s.ContactId, "", false, date, date);
        }))));
        admin.MapDelete("/sales", () =>
        {
            store.DeleteSales();
            return Results.NoContent();
        });

        admin.MapPut("/companyexplorer", (CompanyExplorerChange change) =>
        {
            var settings = server.CompanyExplorer.Settings;
            settings.PendingCount = change.PendingCount ?? settings.PendingCount;
            settings.FailStatus = change.FailStatus ?? settings.FailStatus;
            settings.RetryAfterSeconds = change.RetryAfterSeconds ?? settings.RetryAfterSeconds;
            settings.FailShare = change.FailShare ?? settings.FailShare;
            settings.HangShare = change.HangShare ?? settings.HangShare;
            settings.HangMs = change.HangMs ?? settings.HangMs;
            return new
            {
                pendingCount = settings.PendingCount, failStatus = settings.FailStatus, retryAfterSeconds = settings.RetryAfterSeconds,
                failShare = settings.FailShare, hangShare = settings.HangShare, hangMs = settings.HangMs,
            };
        });
        admin.MapGet("/companyexplorer", () => server.CompanyExplorer.Faults);
        admin.MapGet("/companyexplorer/calls", () =>
            server.CompanyExplorer.Calls.OrderBy(c => c.Key).ToDictionary(c => c.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), c => c.Value));

        HomePage.Map(app, server);
    }
}
