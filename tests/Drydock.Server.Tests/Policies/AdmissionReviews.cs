using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Server.Tests.Policies;

/// <summary>
/// AdmissionReview requests shaped as the Kubernetes API server sends them to a validating webhook
/// (admission.k8s.io/v1, see the "AdmissionReview request" example in the Kubernetes reference on dynamic admission
/// control): uid, kind/resource and their request* twins, name, namespace, operation, userInfo, object, oldObject,
/// dryRun and options.
/// </summary>
internal static class AdmissionReviews
{
    /// <summary>A review of a Pod CREATE with the given container images.</summary>
    public static JsonObject Pod(IEnumerable<string> containers, IEnumerable<string>? initContainers = null, IEnumerable<string>? ephemeralContainers = null, bool dryRun = false) =>
        Review("", "v1", "Pod", "pods", "CREATE", PodObject(containers, initContainers, ephemeralContainers), dryRun);

    /// <summary>A review of any kind's CREATE or UPDATE (or DELETE, with the object as oldObject).</summary>
    public static JsonObject Review(string group, string version, string kind, string resource, string operation, JsonObject target, bool dryRun = false, string? subResource = null)
    {
        var gvk = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind };
        var gvr = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource };
        var request = new JsonObject
        {
            ["uid"] = Guid.NewGuid().ToString(),
            ["kind"] = gvk,
            ["resource"] = gvr,
            ["requestKind"] = gvk.DeepClone(),
            ["requestResource"] = gvr.DeepClone(),
            ["name"] = (string?)target["metadata"]?["name"],
            ["namespace"] = "default",
            ["operation"] = operation,
            ["userInfo"] = new JsonObject
            {
                ["username"] = "kubernetes-admin",
                ["groups"] = new JsonArray("system:masters", "system:authenticated"),
            },
            ["object"] = operation == "DELETE" ? null : target,
            ["oldObject"] = operation == "CREATE" ? null : target.DeepClone(),
            ["dryRun"] = dryRun,
            ["options"] = new JsonObject
            {
                ["apiVersion"] = "meta.k8s.io/v1",
                ["kind"] = operation switch { "CREATE" => "CreateOptions", "DELETE" => "DeleteOptions", _ => "UpdateOptions" },
            },
        };
        if (subResource is not null)
        {
            request["subResource"] = subResource;
            request["requestSubResource"] = subResource;
        }

        return new JsonObject { ["kind"] = "AdmissionReview", ["apiVersion"] = "admission.k8s.io/v1", ["request"] = request };
    }

    public static JsonObject PodObject(IEnumerable<string> containers, IEnumerable<string>? initContainers = null, IEnumerable<string>? ephemeralContainers = null)
    {
        var spec = new JsonObject { ["containers"] = Containers("app", containers) };
        if (initContainers is not null)
        {
            spec["initContainers"] = Containers("init", initContainers);
        }

        if (ephemeralContainers is not null)
        {
            spec["ephemeralContainers"] = Containers("debugger", ephemeralContainers);
        }

        spec["restartPolicy"] = "Always";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = "web" } },
            ["spec"] = spec,
        };
    }

    /// <summary>A workload whose pod template runs <paramref name="images"/>, in the shape of its API group's kind.</summary>
    public static JsonObject Workload(string apiVersion, string kind, IEnumerable<string> images)
    {
        var template = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web" } },
            ["spec"] = new JsonObject { ["containers"] = Containers("app", images), ["restartPolicy"] = kind is "Job" or "CronJob" ? "OnFailure" : "Always" },
        };
        var spec = kind switch
        {
            "CronJob" => new JsonObject { ["schedule"] = "*/5 * * * *", ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } } },
            "Job" => new JsonObject { ["template"] = template },
            _ => new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } }, ["template"] = template },
        };
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default" }, ["spec"] = spec };
    }

    /// <summary>Posts the review and returns its <c>response</c>, after checking the envelope the API server requires.</summary>
    public static async Task<JsonElement> SendAsync(HttpClient client, JsonObject review)
    {
        using var content = new StringContent(review.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/v1/admission", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("admission.k8s.io/v1", body.GetProperty("apiVersion").GetString());
        Assert.Equal("AdmissionReview", body.GetProperty("kind").GetString());
        var answer = body.GetProperty("response");
        Assert.Equal((string?)review["request"]!["uid"], answer.GetProperty("uid").GetString());
        return answer;
    }

    private static JsonArray Containers(string prefix, IEnumerable<string> images) =>
        new([.. images.Select((image, i) => (JsonNode)new JsonObject { ["name"] = $"{prefix}-{i}", ["image"] = image, ["imagePullPolicy"] = "IfNotPresent" })]);
}
