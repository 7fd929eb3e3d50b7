using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Tenant;

/// <summary>
/// PATCH for entity documents as the Contact PATCH page describes it
/// (https://docs.superoffice.com/en/api/reference/restful/rest/Contact/v1ContactEntity_PatchContactEntity.html):
/// JSON Patch (RFC 6902) with add, replace, remove and test (move/copy refused), paths case-insensitive with the leading
/// slash optional, or a merge patch (RFC 7396) object, which is converted to JSON Patch operations first. A failed test
/// answers 409 and nothing of the patch is kept.
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
                // 409 when the value differs or the path does not exist (the operations before it are not kept either).
                if (!Exists(parent, last) || !SameValue(Child(parent, last), operation.Value))
                {
                    throw new ApiError(409, "PatchTestFailed", $"The contact was not saved: the 'test' of '{operation.Path}' does not match what it holds now.");
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

    /// <summary>
    /// RFC 6902's equality for 'test': strings by their characters, numbers by value, arrays element by element, objects
    /// member by member whatever their order, and true/false/null as themselves.
    /// </summary>
    private static bool SameValue(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Zip(y).All(p => SameValue(p.First, p.Second));
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && SameValue(p.Value, other));
            case (JsonValue x, JsonValue y):
                var (kx, ky) = (x.GetValueKind(), y.GetValueKind());
                if (kx != ky)
                {
                    return false;
                }
                return kx switch
                {
                    JsonValueKind.String => string.Equals(x.GetValue<string>(), y.GetValue<string>(), StringComparison.Ordinal),
                    JsonValueKind.Number => Number(x) is { } nx && Number(y) is { } ny ? nx == ny : x.ToJsonString() == y.ToJsonString(),
                    _ => true,
                };
            default:
                return false;
        }
    }

    private static decimal? Number(JsonValue value) =>
        decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

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
