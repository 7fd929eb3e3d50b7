using System.Text.Json.Nodes;

namespace Connector.Core.SuperOffice;

/// <summary>
/// The JSON Patch (RFC 6902) body of <c>PATCH Contact/{id}</c> for UDF writes: per field a <c>test</c> of the value
/// the decision relied on, right before its <c>replace</c>; a field written without a test is <c>replace</c>d (or
/// <c>add</c>ed when the contact did not carry the key). SuperOffice applies all operations or none.
/// </summary>
public static class UdfJsonPatch
{
    public const string UserDefinedFields = "UserDefinedFields";

    public static string Build(IEnumerable<UdfWrite> writes)
    {
        var operations = new JsonArray();
        foreach (var write in writes)
        {
            var path = PathOf(write.ProgId);
            if (write.Expected is { } expected)
            {
                operations.Add(new JsonObject { ["op"] = "test", ["path"] = path, ["value"] = expected });
            }
            operations.Add(new JsonObject { ["op"] = write.Absent && write.Expected is null ? "add" : "replace", ["path"] = path, ["value"] = write.Value });
        }
        return operations.ToJsonString();
    }

    /// <summary><c>/UserDefinedFields/{ProgId}</c>, the ProgId escaped as a JSON Pointer token (RFC 6901).</summary>
    public static string PathOf(string progId) => $"/{UserDefinedFields}/{progId.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
}
