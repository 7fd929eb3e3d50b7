using System.Net.Http.Json;
using System.Text.Json;

namespace Connector.Tests.Soak;

/// <summary>The sandbox's <c>/admin</c> endpoints for a run outside xunit: a failed call throws with the sandbox's answer.</summary>
public sealed class SandboxAdmin(HttpClient http)
{
    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await http.GetAsync("admin/" + path);
        return await ReadAsync(response, "GET", path);
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, "admin/" + path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await http.SendAsync(request);
        return await ReadAsync(response, method.Method, path);
    }

    public Task<JsonElement> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string method, string path)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} /admin/{path} answered {(int)response.StatusCode}: {text}");
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
