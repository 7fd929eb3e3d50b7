using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Core.SuperOffice;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Fuzz;

/// <summary>One request at the webhook URL: what it is (for the failure message), its body, headers and the answers it may get.</summary>
public sealed record HostileRequest(string Kind, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers, int[] Expected, bool Slow = false)
{
    public override string ToString() => $"{Kind} ({Body.Length} bytes, headers {string.Join(", ", Headers.Select(h => h.Key))})";
}

/// <summary>
/// A generator of hostile and broken webhook requests from a fixed seed, so a failure can be run again: random bytes,
/// truncated and deeply nested JSON, huge numbers, wrong types in every field, invalid UTF-8 and lone surrogates,
/// duplicate keys, missing, duplicated and oversized headers, signatures over another body or with another secret,
/// valid signatures over hostile bodies, bodies over the size limit, and bodies that arrive slowly.
/// </summary>
public sealed class HostileWebhookRequests(int seed)
{
    private readonly Random _random = new(seed);
    private static readonly string[] Fields = ["EventId", "Timestamp", "Changes", "Event", "PrimaryKey", "Entity", "ContextIdentifier", "ChangedByAssociateId", "WebhookName"];

    public IEnumerable<HostileRequest> Take(int count)
    {
        var kinds = new Func<HostileRequest>[]
        {
            RandomBytes, RandomBytesSigned, Truncated, DeeplyNested, HugeNumbers, WrongTypes, WrongTypes, InvalidUtf8, LoneSurrogate,
            DuplicateKeys, NoSignature, DuplicatedSignature, OversizedHeader, SignatureOverAnotherBody, WrongSecret, ValidHostileValues,
            ForeignTenant, TooLarge, TestEventHeader, OtherEvent, Slow,
        };
        for (var i = 0; i < count; i++)
        {
            yield return kinds[_random.Next(kinds.Length)]();
        }
    }

    private HostileRequest RandomBytes() => new("random bytes, unsigned", Bytes(_random.Next(0, 2048)), [], [401]);

    private HostileRequest RandomBytesSigned() => Signed("random bytes, signed", Bytes(_random.Next(0, 2048)), 400);

    private HostileRequest Truncated()
    {
        var body = Valid();
        return Signed("truncated JSON", body[.._random.Next(0, body.Length)], 400);
    }

    private HostileRequest DeeplyNested()
    {
        var depth = _random.Next(17, 5000);
        var text = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        return Signed($"JSON nested {depth} deep", Encoding.UTF8.GetBytes(text), 400);
    }

    private HostileRequest HugeNumbers()
    {
        string[] numbers = ["1e400", "99999999999999999999999999", "-2147483649", "2147483648", "1.5", "-0", "0e0", "NaN", "Infinity", "0x10"];
        var field = _random.Next(2) == 0 ? "PrimaryKey" : "ChangedByAssociateId";
        var text = Encoding.UTF8.GetString(Valid()).Replace(
            $"\"{field}\":{(field == "PrimaryKey" ? 4711 : 12)}", $"\"{field}\":{numbers[_random.Next(numbers.Length)]}", StringComparison.Ordinal);
        // -0 reads as 0: an associate id of 0 is taken (a change by the system), a PrimaryKey of 0 is not.
        return Signed($"huge number in {field}", Encoding.UTF8.GetBytes(text), field == "PrimaryKey" ? [400] : [400, 200]);
    }

    private HostileRequest WrongTypes()
    {
        var json = ValidJson();
        JsonNode?[] values = [null, 0, -1, true, "", "x", new JsonArray(), new JsonObject(), new JsonArray(1, "a", null), 1.25, new string('z', 300)];
        var changed = new List<string>();
        foreach (var field in Fields.Where(_ => _random.Next(3) == 0).DefaultIfEmpty(Fields[_random.Next(Fields.Length)]))
        {
            json[field] = values[_random.Next(values.Length)]?.DeepClone();
            changed.Add(field);
        }
        // Timestamp, Changes and WebhookName are read leniently; an Entity that is no contact is ignored; a string that
        // is not our tenant is another tenant's.
        return Signed($"wrong types in {string.Join(",", changed)}", Encoding.UTF8.GetBytes(json.ToJsonString()), [400, 200, 403]);
    }

    private HostileRequest InvalidUtf8()
    {
        byte[][] bad = [[0xC3, 0x28], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]];
        var body = Valid().ToList();
        var at = body.IndexOf((byte)'e', 20) is var i and > 0 ? i : body.Count / 2;
        body.InsertRange(at, bad[_random.Next(bad.Length)]);
        return Signed("invalid UTF-8", [.. body], 400);
    }

    private HostileRequest LoneSurrogate()
    {
        var text = Encoding.UTF8.GetString(Valid());
        text = _random.Next(2) == 0
            ? text.Replace("\"enrichment\"", "\"\\ud800x\"", StringComparison.Ordinal)
            : text.Replace("\"WebhookName\"", "\"Webhook\\udc00Name\"", StringComparison.Ordinal);
        return Signed("unpaired surrogate escape", Encoding.UTF8.GetBytes(text), 400);
    }

    private HostileRequest DuplicateKeys()
    {
        // The same field again with another value, right after the first one.
        var json = ValidJson();
        var field = Fields[_random.Next(Fields.Length)];
        var first = $"\"{field}\":{json[field]!.ToJsonString()}";
        var text = json.ToJsonString().Replace(first, first + $",\"{(_random.Next(2) == 0 ? field : field.ToLowerInvariant())}\":\"other\"", StringComparison.Ordinal);
        // Only the fields the connector acts on are refused when doubled; the others are read leniently.
        return Signed($"duplicate {field}", Encoding.UTF8.GetBytes(text), field is "Timestamp" or "Changes" or "WebhookName" ? [200, 400] : [400]);
    }

    private HostileRequest NoSignature() => new("valid body, no signature", Valid(), [], [401]);

    private HostileRequest DuplicatedSignature()
    {
        var body = Valid();
        return new("signature header twice", body,
        [
            new(WebhookSignature.HeaderName, WebhookSignature.Compute(TestServices.WebhookSecret, body)),
            new(WebhookSignature.HeaderName, _random.Next(2) == 0 ? "AAAA" : WebhookSignature.Compute(TestServices.WebhookSecret, body)),
        ], [401, 200]);
    }

    private HostileRequest OversizedHeader()
    {
        var body = Valid();
        var junk = new string('A', _random.Next(4_000, 16_000));
        return _random.Next(2) == 0
            ? new("oversized signature header", body, [new(WebhookSignature.HeaderName, junk)], [401])
            : new("oversized other header", body, [new(WebhookSignature.HeaderName, WebhookSignature.Compute(TestServices.WebhookSecret, body)), new("X-SuperOffice-Retry", junk)], [200]);
    }

    private HostileRequest SignatureOverAnotherBody() =>
        new("signature over another body", Valid(), [new(WebhookSignature.HeaderName, WebhookSignature.Compute(TestServices.WebhookSecret, Valid()))], [401]);

    private HostileRequest WrongSecret()
    {
        var body = Valid();
        return new("signed with another secret", body, [new(WebhookSignature.HeaderName, WebhookSignature.Compute("not-the-secret", body))], [401]);
    }

    private HostileRequest ValidHostileValues()
    {
        var json = ValidJson();
        string[] names = ["Bremer Bau 🚀", "\u0000", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "Ω≈ç√∫", new string('é', 2000), "'; DROP TABLE jobs;--"];
        json["WebhookName"] = names[_random.Next(names.Length)];
        json["Changes"] = new JsonArray([.. Enumerable.Range(0, _random.Next(0, 200)).Select(i => (JsonNode?)("col" + i))]);
        json["PrimaryKey"] = _random.Next(1, int.MaxValue);
        return Signed("valid signature, odd but valid values", Encoding.UTF8.GetBytes(json.ToJsonString()), 200);
    }

    private HostileRequest ForeignTenant()
    {
        var json = ValidJson();
        json["ContextIdentifier"] = "Cust99999";
        return Signed("another tenant", Encoding.UTF8.GetBytes(json.ToJsonString()), 403);
    }

    private HostileRequest TooLarge()
    {
        var json = ValidJson();
        json["WebhookName"] = new string('x', 256 * 1024);
        var body = Encoding.UTF8.GetBytes(json.ToJsonString());
        return _random.Next(2) == 0 ? Signed("body over the limit, signed", body, 413) : new("body over the limit, unsigned", body, [], [413]);
    }

    private HostileRequest TestEventHeader()
    {
        var body = Valid();
        return new("test-event header", body, [new(WebhookSignature.HeaderName, WebhookSignature.Compute(TestServices.WebhookSecret, body)), new("X-Hook-Test", "true")], [200]);
    }

    private HostileRequest OtherEvent()
    {
        var json = ValidJson();
        json["Event"] = _random.Next(2) == 0 ? "person.changed" : "contact.deleted";
        return Signed("an event that is not taken", Encoding.UTF8.GetBytes(json.ToJsonString()), 200);
    }

    private HostileRequest Slow() => Signed("valid, body arriving slowly", Valid(), 200) with { Slow = true };

    private static HostileRequest Signed(string kind, byte[] body, params int[] expected) =>
        new(kind, body, [new(WebhookSignature.HeaderName, WebhookSignature.Compute(TestServices.WebhookSecret, body))], expected);

    private byte[] Valid() => Encoding.UTF8.GetBytes(ValidJson().ToJsonString());

    private JsonObject ValidJson() => new()
    {
        ["EventId"] = NextGuid().ToString(),
        ["Timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["Changes"] = new JsonArray("contact_id", "name"),
        ["Event"] = "contact.changed",
        ["PrimaryKey"] = 4711,
        ["Entity"] = "contact",
        ["ContextIdentifier"] = TestServices.Tenant,
        ["ChangedByAssociateId"] = 12,
        ["WebhookName"] = "enrichment",
    };

    private Guid NextGuid() => new(Bytes(16));

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}
