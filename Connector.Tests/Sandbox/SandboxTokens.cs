using System.Text.Json;

namespace Connector.Tests.Sandbox;

/// <summary>Reads a JWT's parts in sandbox tests (no validation: that is the client's job).</summary>
internal static class SandboxTokens
{
    public const string Claim = "http://schemes.superoffice.net/identity/";

    public static JsonElement Payload(string jwt) => Part(jwt, 1);

    public static JsonElement Header(string jwt) => Part(jwt, 0);

    private static JsonElement Part(string jwt, int index)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[index])).RootElement.Clone();
    }
}
