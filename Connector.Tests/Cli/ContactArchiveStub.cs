using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace Connector.Tests.Cli;

/// <summary>
/// Answers the contact archive (<c>GET …/v1/Contact?$select=…</c>), which the sandbox does not emulate, from a fixed list
/// of (contactId, updatedDate) rows with <c>$top</c>/<c>$skip</c> paging; every other request goes on to the sandbox.
/// Adds the <c>$filter</c> of each archive query it answers to <paramref name="queries"/> (a handler serves one pipeline,
/// so each CLI run gets a new one sharing the list).
/// </summary>
public sealed class ContactArchiveStub(IReadOnlyList<(int ContactId, DateTime Updated)> rows, List<string> queries) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (request.Method != HttpMethod.Get || !uri.AbsolutePath.EndsWith("/v1/Contact", StringComparison.OrdinalIgnoreCase))
        {
            return base.SendAsync(request, cancellationToken);
        }
        var query = HttpUtility.ParseQueryString(uri.Query);
        lock (queries)
        {
            queries.Add(query["$filter"] ?? "");
        }
        var skip = int.Parse(query["$skip"] ?? "0", CultureInfo.InvariantCulture);
        var top = int.Parse(query["$top"] ?? "200", CultureInfo.InvariantCulture);
        var value = new JsonArray();
        foreach (var (id, updated) in rows.Skip(skip).Take(top))
        {
            value.Add(new JsonObject
            {
                ["PrimaryKey"] = id.ToString(CultureInfo.InvariantCulture),
                ["EntityName"] = "contact",
                ["contactId"] = id,
                ["name"] = $"Company {id}",
                ["updatedDate"] = updated.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            });
        }
        var body = new JsonObject { ["odata.nextLink"] = null, ["value"] = value }.ToJsonString();
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        });
    }
}
