using System.Net;
using System.Text.Json;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

/// <summary>One archive request to the sandbox (<c>GET v1/{archive}?{query}</c>) with the status it must answer.</summary>
public static class ArchiveRequest
{
    public static async Task<JsonElement> GetAsync(HttpClient api, string archive, string query, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await api.GetAsync(archive + "?" + query);
        var json = await SandboxFixture.JsonAsync(response);
        Assert.True(expected == response.StatusCode, $"{archive}?{query}: {(int)response.StatusCode} {json}");
        return json;
    }
}
