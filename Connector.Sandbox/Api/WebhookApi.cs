using System.Text.Json.Nodes;
using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Api;

/// <summary>Webhook definitions: list, default, get, LastError, register (with the test event), update, delete (docs/superoffice/webhooks.md, Registration).</summary>
public static class WebhookApi
{
    private static readonly string[] States = ["Unknown", "Active", "Stopped", "TooManyErrors"];

    public static void Map(RouteGroupBuilder v1, SandboxServer server)
    {
        var store = server.Store;
        var options = server.Options;
        var webhooks = v1.MapGroup("/Webhook");
        webhooks.AddEndpointFilter(async (context, next) =>
        {
            // An API user without the right to manage webhooks (UNCONFIRMED: the status and message SuperOffice gives).
            if (options.WebhookApiForbidden)
            {
                throw new ApiError(403, "Forbidden", "The current user does not have the right to access webhooks.");
            }
            return await next(context);
        });

        webhooks.MapGet("", (string? nameFilter, string? eventFilter, string? statusFilter) =>
            SuperOfficeApi.Json(new JsonArray(store.Webhooks()
                .Where(w => string.IsNullOrEmpty(nameFilter) || w.Name.Contains(nameFilter, StringComparison.OrdinalIgnoreCase))
                .Where(w => string.IsNullOrEmpty(eventFilter) || w.Events.Contains(eventFilter, StringComparer.OrdinalIgnoreCase))
                .Where(w => string.IsNullOrEmpty(statusFilter) || string.Equals(w.State, statusFilter, StringComparison.OrdinalIgnoreCase))
                .Select(w => (JsonNode?)ToJson(w, options)).ToArray())));

        webhooks.MapGet("/default", () => SuperOfficeApi.Json(ToJson(new WebhookRecord
        {
            Events = ["contact.created", "contact.deleted"], TargetUrl = "", Registered = DateTime.MinValue, Updated = DateTime.MinValue,
        })));

        webhooks.MapGet("/{id:int}", (int id) =>
            store.Webhook(id) is { } w ? SuperOfficeApi.Json(ToJson(w, options)) : SuperOfficeApi.NotFound($"Webhook {id} does not exist."));

        // UNCONFIRMED: the LastError answer's shape; the sandbox answers the last error text as a JSON string.
        webhooks.MapGet("/{id:int}/LastError", (int id) =>
            store.Webhook(id) is { } w ? SuperOfficeApi.Json(JsonValue.Create(w.LastError)) : SuperOfficeApi.NotFound($"Webhook {id} does not exist."));

        webhooks.MapPost("", async (HttpRequest request, HttpContext context) =>
        {
            if (await SuperOfficeApi.ReadBody(request) is not JsonObject body)
            {
                throw new ApiError(400, "Validation", "POST Webhook needs a webhook object.");
            }
            var associateId = SuperOfficeApi.CallerOf(context).AssociateId;
            var now = DateTime.UtcNow;
            var webhook = new WebhookRecord
            {
                WebhookId = store.ReserveWebhookId(), Registered = now, RegisteredAssociateId = associateId, Updated = now, UpdatedAssociateId = associateId,
            };
            Apply(webhook, body, options);
            // Registration sends the signed test event first and fails unless the target answers 200 (docs/superoffice/webhooks.md, Registration).
            // UNCONFIRMED: the status and body of that failure; the sandbox answers 400.
            var (status, error) = await server.Dispatcher.SendTestAsync(webhook);
            if (status != 200)
            {
                throw new ApiError(400, "WebhookTargetFailed", $"The TargetUrl did not answer the test event with 200 OK ({error ?? "HTTP " + status}).");
            }
            store.AddWebhook(webhook);
            return SuperOfficeApi.Json(ToJson(webhook, options));
        });

        webhooks.MapPut("/{id:int}", async (int id, HttpRequest request, HttpContext context) =>
        {
            if (await SuperOfficeApi.ReadBody(request) is not JsonObject body)
            {
                throw new ApiError(400, "Validation", "PUT Webhook needs a webhook object.");
            }
            var associateId = SuperOfficeApi.CallerOf(context).AssociateId;
            var updated = store.WithWebhook(id, w =>
            {
                Apply(w, body, options);
                w.Updated = DateTime.UtcNow;
                w.UpdatedAssociateId = associateId;
                return ToJson(w, options);
            });
            return updated is null ? SuperOfficeApi.NotFound($"Webhook {id} does not exist.") : SuperOfficeApi.Json(updated);
        });

        webhooks.MapDelete("/{id:int}", (int id) =>
            store.DeleteWebhook(id) ? Results.NoContent() : SuperOfficeApi.NotFound($"Webhook {id} does not exist."));
    }

    private static void Apply(WebhookRecord webhook, JsonObject body, SandboxOptions options)
    {
        string? Text(string name) => ContactJson.Scalar(ContactJson.Get(body, name));
        if (Text("Name") is { } name)
        {
            webhook.Name = name;
        }
        if (ContactJson.Get(body, "Events") is JsonArray events)
        {
            webhook.Events = events.Select(e => ContactJson.Scalar(e) ?? "").Where(e => e.Length > 0).ToList();
        }
        if (Text("TargetUrl") is { } target)
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ApiError(400, "Validation", $"TargetUrl '{target}' is not an absolute http(s) URL.");
            }
            if (options.RequireHttpsTargets && uri.Scheme != "https")
            {
                throw new ApiError(400, "Validation", "TargetUrl must be HTTPS.");
            }
            webhook.TargetUrl = target;
        }
        if (body.Any(p => p.Key.Equals("Secret", StringComparison.OrdinalIgnoreCase)))
        {
            webhook.Secret = Text("Secret");
        }
        if (Text("State") is { } state)
        {
            var known = States.FirstOrDefault(s => s.Equals(state, StringComparison.OrdinalIgnoreCase))
                ?? (int.TryParse(state, out var n) && n >= 0 && n < States.Length ? States[n] : null)
                ?? throw new ApiError(400, "Validation", $"Unknown webhook State '{state}'.");
            if (known == "Active" && webhook.State != "Active")
            {
                webhook.ConsecutiveErrors = 0;
            }
            webhook.State = known;
        }
        if (Text("Type") is { } type)
        {
            webhook.Type = type;
        }
        if (ContactJson.Get(body, "Headers") is JsonObject headers)
        {
            webhook.Headers = headers.ToDictionary(h => h.Key, h => ContactJson.Scalar(h.Value) ?? "");
        }
        if (ContactJson.Get(body, "Properties") is JsonObject properties)
        {
            webhook.Properties = (JsonObject)properties.DeepClone();
        }
        if (body.Any(p => p.Key.Equals("ErrorsEmail", StringComparison.OrdinalIgnoreCase)))
        {
            webhook.ErrorsEmail = Text("ErrorsEmail");
        }
        if (string.IsNullOrEmpty(webhook.TargetUrl))
        {
            throw new ApiError(400, "Validation", "A webhook needs a TargetUrl.");
        }
    }

    private static JsonObject ToJson(WebhookRecord w, SandboxOptions options)
    {
        var json = ToJson(w);
        if (options.WebhookHideSecrets)
        {
            json["Secret"] = null;
        }
        return json;
    }

    private static JsonObject ToJson(WebhookRecord w) => new()
    {
        ["WebhookId"] = w.WebhookId,
        ["Name"] = w.Name,
        ["Events"] = new JsonArray(w.Events.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
        ["TargetUrl"] = w.TargetUrl,
        ["Secret"] = w.Secret,
        ["State"] = w.State,
        ["Type"] = w.Type,
        ["Headers"] = w.Headers is null ? null : new JsonObject(w.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))),
        ["Properties"] = w.Properties?.DeepClone(),
        ["Registered"] = ContactJson.Date(w.Registered),
        ["RegisteredAssociate"] = w.RegisteredAssociateId == 0 ? null : new JsonObject { ["AssociateId"] = w.RegisteredAssociateId },
        ["Updated"] = ContactJson.Date(w.Updated),
        ["UpdatedAssociate"] = w.UpdatedAssociateId == 0 ? null : new JsonObject { ["AssociateId"] = w.UpdatedAssociateId },
        ["ErrorsEmail"] = w.ErrorsEmail,
    };
}
