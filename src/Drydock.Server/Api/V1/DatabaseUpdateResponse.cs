namespace Drydock.Server.Api.V1;

/// <summary>The answer of <c>POST /api/v1/db/update</c>: the database version in force and how many artifacts were matched again.</summary>
public sealed record DatabaseUpdateResponse(string DatabaseVersion, int Rematched);
