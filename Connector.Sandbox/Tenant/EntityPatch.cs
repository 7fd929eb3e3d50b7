using System.Text.Json.Nodes;

namespace Connector.Sandbox.Tenant;

/// <summary>
/// PATCH for entity documents as the Contact PATCH page describes it: JSON Patch (RFC 6902) with add, replace,
/// remove and test (move/copy refused), paths case-insensitive with the leading slash optional, or a merge patch
/// (RFC 7396) object, which is converted to JSON Patch operations first.
/// </summary>
public static class EntityPatch
{
    public sealed record Operation(string Op, string Path, JsonNode? Value);

    /// <summary>Applies a JSON Patch array or a merge-patch object to <paramref name="document"/> in place.</summary>
    public static void Apply(JsonObject document, JsonNode body)
    {
        var operations = body switch
        {
            JsonArray array => array.Select(ParseOperation).ToList(),
            JsonObject merge => FromMergePatch(document, merge, ""),
            _ => throw new ApiError(400, "InvalidPatch", "The body must be a JSON Patch array or a merge-patch object."),
        };
        foreach (var operation in operations)
        {
            ApplyOne(document, operation);
        }
    }

    private static Operation ParseOperation(JsonNode? node)
    {
        if (node is not JsonObject o || ContactJson.Scalar(ContactJson.Get(o, "op")) is not { } op || ContactJson.Scalar(ContactJson.Get(o, "path")) is not { } path)
        {
            throw new ApiError(400, "InvalidPatch", "Each JSON Patch operation needs 'op' and 'path'.");
        }
        return new Operation(op.ToLowerInvariant(), path, ContactJson.Get(o, "value")?.DeepClone());
    }

    public static List<Operation> FromMergePatch(JsonObject target, JsonObject merge, string prefix)
    {
        var operations = new List<Operation>();
        foreach (var (key, value) in merge)
        {
            var path = $"{prefix}/{key.Replace("~", "~0").Replace("/", "~1")}";
            var existing = ContactJson.Get(target, key);
            if (value is null)
            {
                operations.Add(new Operation("remove", path, null));
            }
            else if (value is JsonObject child && existing is JsonObject existingChild)
            {
                operations.AddRange(FromMergePatch(existingChild, child, path));
            }
            else
            {
                operations.Add(new Operation("add", path, value.DeepClone()));
            }
        }
        return operations;
    }

    private static void ApplyOne(JsonObject document, Operation operation)
    {
        var segments = operation.Path.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();
        if (segments.Length == 0 || segments[0].Length == 0)
        {
            throw new ApiError(400, "InvalidPatch", "Patching the whole document is not supported.");
        }
        JsonNode parent = document;
        foreach (var segment in segments[..^1])
        {
            parent = Child(parent, segment) ?? throw new ApiError(400, "InvalidPatch", $"Path '{operation.Path}' does not exist.");
        }
        var last = segments[^1];
        switch (operation.Op)
        {
            case "test":
                var current = Child(parent, last);
                if (!JsonNode.DeepEquals(current, operation.Value))
                {
                    throw new ApiError(409, "PatchTestFailed", $"Update blocked because a 'test' operation has detected a conflict at '{operation.Path}'.");
                }
                break;
            case "remove":
                Remove(parent, last, operation.Path);
                break;
            case "replace":
                if (Child(parent, last) is null && !Exists(parent, last))
                {
                    throw new ApiError(400, "InvalidPatch", $"Cannot replace '{operation.Path}': it does not exist.");
                }
                Set(parent, last, operation.Value, insert: false);
                break;
            case "add":
                Set(parent, last, operation.Value, insert: true);
                break;
            default:
                throw new ApiError(400, "InvalidPatch", $"JSON Patch operation '{operation.Op}' is not supported (only add, replace, remove and test).");
        }
    }

    private static JsonNode? Child(JsonNode parent, string segment) => parent switch
    {
        JsonObject o => ContactJson.Get(o, segment),
        JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
        _ => null,
    };

    private static bool Exists(JsonNode parent, string segment) => parent switch
    {
        JsonObject o => o.Any(p => string.Equals(p.Key, segment, StringComparison.OrdinalIgnoreCase)),
        JsonArray a => int.TryParse(segment, out var i) && i >= 0 && i < a.Count,
        _ => false,
    };

    private static string KeyOf(JsonObject o, string segment) =>
        o.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, segment, StringComparison.OrdinalIgnoreCase)) ?? segment;

    private static void Set(JsonNode parent, string segment, JsonNode? value, bool insert)
    {
        switch (parent)
        {
            case JsonObject o:
                o[KeyOf(o, segment)] = value;
                break;
            case JsonArray a when segment == "-" && insert:
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i <= a.Count:
                if (insert)
                {
                    a.Insert(i, value);
                }
                else
                {
                    a[i] = value;
                }
                break;
            default:
                throw new ApiError(400, "InvalidPatch", $"Cannot set '{segment}'.");
        }
    }

    private static void Remove(JsonNode parent, string segment, string path)
    {
        switch (parent)
        {
            case JsonObject o when Exists(o, segment):
                o.Remove(KeyOf(o, segment));
                break;
            case JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw new ApiError(400, "InvalidPatch", $"Cannot remove '{path}': it does not exist.");
        }
    }
}
