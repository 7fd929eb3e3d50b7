using System.Globalization;
using System.Net;
using System.Text;
using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Admin;

/// <summary>The page at <c>/</c>: contacts with their UDFs, recent webhook deliveries and the fault switches.</summary>
public static class HomePage
{
    public static void Map(WebApplication app, SandboxServer server)
    {
        var options = server.Options;
        app.MapGet("/", () => Results.Content(Render(server), "text/html; charset=utf-8"));

        app.MapPost("/admin/faults/form", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            double? Share(string name) => double.TryParse(form[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
            int? Int(string name) => int.TryParse(form[name], out var v) ? v : null;
            AdminApi.ApplyFaults(options, new AdminApi.FaultsChange(
                form["malformedUdfs"] == "on", Share("throttleShare"), Int("retryAfterSeconds"), form["quote500"] == "on",
                Int("latencyMs"), form["tenantState"].ToString() is { Length: > 0 } s ? s : null, Share("serverErrorShare")));
            return Results.Redirect("/");
        });

        app.MapPost("/admin/contacts/{id:int}/form", async (int id, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var udfs = UdfLayout.Fields.Where(f => form.ContainsKey(f.ProgId)).ToDictionary(f => f.ProgId, f => form[f.ProgId].ToString());
            var fields = new Dictionary<string, string> { ["Name"] = form["Name"].ToString() };
            server.Store.UpdateContact(id, doc => EntityPatch.Apply(doc, AdminApi.EditPatch(fields, udfs)), options.UiAssociateId);
            return Results.Redirect("/");
        });
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Render(SandboxServer server)
    {
        var o = server.Options;
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>SuperOffice sandbox</title>")
            .Append("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 5px;vertical-align:top}input[type=text]{width:9em}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>SuperOffice sandbox – {E(o.ContextIdentifier)}</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>REST: <code>{E(server.ApiBaseUrl.ToString())}v1/</code> · Company Explorer: <code>{E(server.CompanyExplorerBaseUrl.ToString())}/api/enrich</code></p>");

        html.Append("<h2>Fault switches</h2><form method=\"post\" action=\"/admin/faults/form\">")
            .Append(CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\" name=\"malformedUdfs\" {(o.MalformedUdfs ? "checked" : "")}> malformed UserDefinedFields</label> ")
            .Append(CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\" name=\"quote500\" {(o.Quote500 ? "checked" : "")}> Quote 500</label> ")
            .Append(CultureInfo.InvariantCulture, $"<label>429 share <input type=\"text\" name=\"throttleShare\" value=\"{o.ThrottleShare}\"></label> ")
            .Append(CultureInfo.InvariantCulture, $"<label>Retry-After s <input type=\"text\" name=\"retryAfterSeconds\" value=\"{o.RetryAfterSeconds}\"></label> ")
            .Append(CultureInfo.InvariantCulture, $"<label>500 share <input type=\"text\" name=\"serverErrorShare\" value=\"{o.ServerErrorShare}\"></label> ")
            .Append(CultureInfo.InvariantCulture, $"<label>latency ms <input type=\"text\" name=\"latencyMs\" value=\"{o.LatencyMs}\"></label> ")
            .Append("<label>tenant state <select name=\"tenantState\">");
        foreach (var state in new[] { "Running", "OnlineMaintenance", "OfflineMaintenance", "Suspended" })
        {
            html.Append(CultureInfo.InvariantCulture, $"<option {(state == o.TenantState ? "selected" : "")}>{state}</option>");
        }
        html.Append("</select></label> <button>Apply</button></form>")
            .Append("<form method=\"post\" action=\"/admin/tokens/expire\"><button>Expire all tokens now</button></form>");

        html.Append("<h2>Recent webhook deliveries</h2><table><tr><th>at</th><th>webhook</th><th>event</th><th>key</th><th>by</th><th>attempt</th><th>status</th><th>error</th></tr>");
        foreach (var d in server.Dispatcher.Deliveries.Reverse().Take(50))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{d.At:HH:mm:ss}</td><td>{d.WebhookId}</td><td>{E(d.Event)}</td><td>{d.PrimaryKey}</td><td>{d.ChangedByAssociateId}</td><td>{d.Attempt}</td><td>{d.Status}</td><td>{E(d.Error)}</td></tr>");
        }
        html.Append("</table>");

        html.Append("<h2>Companies</h2><table><tr><th>id</th><th>name (edit as a person)</th>");
        foreach (var field in server.Layouts.Published)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(field.Label)}<br><small>{field.ProgId}</small></th>");
        }
        html.Append("<th>updated</th><th></th></tr>");
        foreach (var contact in server.Store.Contacts())
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><form method=\"post\" action=\"/admin/contacts/{contact.ContactId}/form\"><td>{contact.ContactId}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><input type=\"text\" name=\"Name\" value=\"{E(contact.Data.Name)}\"></td>");
            foreach (var field in UdfLayout.Fields)
            {
                var value = contact.Data.Udf(field.ProgId);
                html.Append(field.ProgId is "SuperOffice:5" or "SuperOffice:6"
                    ? $"<td><input type=\"text\" name=\"{field.ProgId}\" value=\"{E(value)}\"></td>"
                    : $"<td>{E(field.FieldType == "List" ? $"{value} {UdfLayout.ListDisplayText(value)}" : value)}</td>");
            }
            html.Append(CultureInfo.InvariantCulture, $"<td>{ContactJson.Date(contact.Updated)} by {contact.UpdatedAssociateId}</td><td><button>Save</button></td></form></tr>");
        }
        return html.Append("</table></body></html>").ToString();
    }
}
