'use strict';
// extensionquery and the latest API as the real Marketplace answers them:
// filters and flags per /work/shared/reference/vscode-protocol.md §2.1-§2.3, answer shape §2.4, latest §2.6.
const { compareVersions } = require('./catalog');

const FILTER = { Tag: 1, ExtensionId: 4, Category: 5, ExtensionName: 7, Target: 8, Featured: 9, SearchText: 10, ExcludeWithFlags: 12 };
const FLAG = {
  IncludeVersions: 0x1, IncludeFiles: 0x2, IncludeCategoryAndTags: 0x4, IncludeVersionProperties: 0x10,
  ExcludeNonValidated: 0x20, IncludeInstallationTargets: 0x40, IncludeAssetUri: 0x80, IncludeStatistics: 0x100,
  IncludeLatestVersionOnly: 0x200, Unpublished: 0x1000, IncludeLatestPrereleaseAndStableVersionOnly: 0x10000,
};
const SORT = { NoneOrRelevance: 0, LastUpdatedDate: 1, Title: 2, PublisherName: 3, InstallCount: 4, AverageRating: 6, PublishedDate: 10, WeightedRating: 12 };

function latestPerPlatform(versions, pick) {
  const seen = new Set();
  const out = [];
  for (const v of versions) { // versions are newest first
    const key = `${v.targetPlatform}|${pick ? v.preRelease : ''}`;
    if (!seen.has(key)) { seen.add(key); out.push(v); }
  }
  return out;
}

function selectVersions(ext, flags) {
  if (flags & FLAG.IncludeVersions) return ext.versions;
  if (flags & FLAG.IncludeLatestPrereleaseAndStableVersionOnly) return latestPerPlatform(ext.versions, true);
  if (flags & FLAG.IncludeLatestVersionOnly) return latestPerPlatform(ext.versions, false);
  return null;
}

function rawVersion(catalog, ext, v, flags) {
  const out = { version: v.version };
  if (v.targetPlatform) out.targetPlatform = v.targetPlatform; // absent for universal packages (§2.4)
  out.flags = 'validated';
  out.lastUpdated = v.lastUpdated;
  if (flags & FLAG.IncludeFiles) {
    const assetUri = catalog.assetUri(ext, v);
    out.files = [...v.assets.keys()].sort().map((t) => ({ assetType: t, source: `${assetUri}/${t}` }));
  }
  if (flags & FLAG.IncludeVersionProperties) out.properties = v.properties.map((p) => ({ key: p.key, value: p.value }));
  if (flags & FLAG.IncludeAssetUri) {
    out.assetUri = catalog.assetUri(ext, v);
    out.fallbackAssetUri = catalog.fallbackAssetUri(ext, v);
  }
  return out;
}

/** One IRawGalleryExtension (§2.4). */
function rawExtension(catalog, ext, flags, versions = selectVersions(ext, flags)) {
  const out = {
    publisher: {
      publisherId: ext.publisherUuid, publisherName: ext.publisher, displayName: ext.publisherDisplayName,
      flags: 'verified', domain: null, isDomainVerified: false,
    },
    extensionId: ext.uuid,
    extensionName: ext.name,
    displayName: ext.displayName,
    flags: 'validated, public',
    lastUpdated: ext.lastUpdated,
    publishedDate: ext.publishedDate,
    releaseDate: ext.publishedDate,
    shortDescription: ext.shortDescription,
  };
  if (versions) out.versions = versions.map((v) => rawVersion(catalog, ext, v, flags));
  if (flags & FLAG.IncludeCategoryAndTags) {
    out.categories = ext.categories;
    out.tags = ext.tags;
  }
  if (flags & FLAG.IncludeStatistics) {
    out.statistics = [
      { statisticName: 'install', value: ext.installs },
      { statisticName: 'averagerating', value: 4.5 },
      { statisticName: 'ratingcount', value: 2 },
      { statisticName: 'trendingdaily', value: 0 },
      { statisticName: 'trendingmonthly', value: 1.5 },
      { statisticName: 'trendingweekly', value: 0.5 },
      { statisticName: 'updateCount', value: ext.versions.length },
      { statisticName: 'weightedRating', value: 4.4 },
      { statisticName: 'downloadCount', value: ext.installs * 2 },
    ];
  }
  if (flags & FLAG.IncludeInstallationTargets) out.installationTargets = [{ target: 'Microsoft.VisualStudio.Code', targetVersion: '' }];
  out.deploymentType = 0;
  return out;
}

function matchesText(ext, words) {
  const hay = [ext.id, ext.displayName, ext.shortDescription, ext.publisherDisplayName, ...ext.tags].join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

function applyCriteria(catalog, criteria) {
  let list = [...catalog.extensions.values()];
  const by = (type) => criteria.filter((c) => c.filterType === type);
  const targets = by(FILTER.Target);
  if (targets.length && !targets.some((c) => c.value === 'Microsoft.VisualStudio.Code')) return [];
  const ids = by(FILTER.ExtensionId).map((c) => String(c.value).toLowerCase());
  const names = by(FILTER.ExtensionName).map((c) => String(c.value).toLowerCase());
  if (ids.length || names.length) {
    // one result per matching extension, in catalog order (the service does not echo criteria order)
    list = list.filter((e) => ids.includes(e.uuid) || names.includes(e.id));
  }
  for (const c of by(FILTER.Tag)) list = list.filter((e) => e.tags.some((t) => t.toLowerCase() === String(c.value).toLowerCase()));
  for (const c of by(FILTER.Category)) list = list.filter((e) => e.categories.some((t) => t.toLowerCase() === String(c.value).toLowerCase()));
  if (by(FILTER.Featured).length) list = []; // nothing in this fake Marketplace is featured
  for (const c of by(FILTER.SearchText)) {
    const words = String(c.value || '').toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length) list = list.filter((e) => matchesText(e, words));
  }
  // ExcludeWithFlags 4096 (Unpublished): nothing here is unpublished, so it removes nothing.
  return list;
}

function sortList(list, sortBy, sortOrder) {
  const key = {
    [SORT.LastUpdatedDate]: (e) => e.lastUpdated, [SORT.Title]: (e) => e.displayName.toLowerCase(),
    [SORT.PublisherName]: (e) => e.publisherDisplayName.toLowerCase(), [SORT.InstallCount]: (e) => e.installs,
    [SORT.AverageRating]: (e) => e.installs, [SORT.PublishedDate]: (e) => e.publishedDate, [SORT.WeightedRating]: (e) => e.installs,
  }[sortBy];
  if (!key) return list; // relevance: catalog order
  const ascendingByDefault = sortBy === SORT.Title || sortBy === SORT.PublisherName;
  const ascending = sortOrder === 1 || (sortOrder !== 2 && ascendingByDefault);
  return [...list].sort((a, b) => {
    const ka = key(a), kb = key(b);
    const d = ka < kb ? -1 : ka > kb ? 1 : 0;
    return ascending ? d : -d;
  });
}

/** POST extensionquery: body (parsed JSON) -> answer object. Throws on a malformed body (the caller answers 400). */
function extensionQuery(catalog, body) {
  if (!body || !Array.isArray(body.filters)) throw new Error('filters missing');
  const flags = Number(body.flags || 0);
  const results = body.filters.map((filter) => {
    const criteria = Array.isArray(filter.criteria) ? filter.criteria : [];
    const matched = sortList(applyCriteria(catalog, criteria), Number(filter.sortBy || 0), Number(filter.sortOrder || 0));
    const pageSize = Math.max(1, Number(filter.pageSize || 10));
    const pageNumber = Math.max(1, Number(filter.pageNumber || 1));
    const page = matched.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return {
      extensions: page.map((e) => rawExtension(catalog, e, flags)),
      pagingToken: null,
      resultMetadata: [{ metadataType: 'ResultCount', metadataItems: [{ name: 'TotalCount', count: matched.length }] }],
    };
  });
  return { results };
}

/** GET …/vscode/{publisher}/{name}/latest (§2.6): latest release and latest pre-release per platform, or null. */
function latest(catalog, publisher, name) {
  const ext = catalog.get(publisher, name);
  if (!ext) return null;
  const flags = FLAG.IncludeFiles | FLAG.IncludeCategoryAndTags | FLAG.IncludeVersionProperties
    | FLAG.IncludeAssetUri | FLAG.IncludeStatistics;
  const versions = latestPerPlatform(ext.versions, true).sort((a, b) => compareVersions(b.version, a.version));
  return rawExtension(catalog, ext, flags, versions);
}

module.exports = { extensionQuery, latest, FLAG };
