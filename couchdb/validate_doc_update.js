// validate_doc_update of _design/complaint-desk (couchdb/design.json embeds this file as a
// string; scripts/couchdb-install.mjs rebuilds it from here). Plain ES5: CouchDB may run it on
// an old SpiderMonkey. _local documents (replication checkpoints) are never validated.
function (newDoc, oldDoc, userCtx, secObj) {
  var HEX64 = /^[0-9a-f]{64}$/;
  var ctx = userCtx || {};
  var roles = ctx.roles || [];
  var sec = secObj || {};

  function contains(list, value) {
    if (!list) return false;
    for (var i = 0; i < list.length; i++) if (list[i] === value) return true;
    return false;
  }
  function inGroup(group) {
    if (!group) return false;
    if (ctx.name && contains(group.names, ctx.name)) return true;
    for (var i = 0; i < roles.length; i++) if (contains(group.roles, roles[i])) return true;
    return false;
  }
  function refuse(message) {
    throw ({ forbidden: message });
  }
  function isString(value) {
    return typeof value === "string" && value.length > 0;
  }
  function isInteger(value) {
    return typeof value === "number" && isFinite(value) && Math.floor(value) === value;
  }
  // Fields that belong to the document's content: everything but CouchDB's own (_id, _rev, ...).
  function sameContent(a, b) {
    var key;
    for (key in a) if (key.charAt(0) !== "_" && JSON.stringify(a[key]) !== JSON.stringify(b[key])) return false;
    for (key in b) if (key.charAt(0) !== "_" && !(key in a)) return false;
    return true;
  }
  // base64 text -> byte values (CouchDB's JavaScript has no Buffer or atob).
  function decodeBase64(text) {
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    var value = {}, out = [], buffer = 0, bits = 0, i, v;
    for (i = 0; i < 64; i++) value[alphabet.charAt(i)] = i;
    for (i = 0; i < text.length; i++) {
      v = value[text.charAt(i)];
      if (v === undefined) continue; // padding, line breaks
      buffer = ((buffer << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push((buffer >> bits) & 255);
      }
    }
    return out;
  }
  function encodeBase64(bytes) {
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    var out = "", i, n;
    for (i = 0; i < bytes.length; i += 3) {
      n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63);
      out += i + 1 < bytes.length ? alphabet.charAt((n >> 6) & 63) : "=";
      out += i + 2 < bytes.length ? alphabet.charAt(n & 63) : "=";
    }
    return out;
  }
  // MD5 (RFC 1321) of byte values, as CouchDB's attachment digest: "md5-" + base64.
  function md5Digest(bytes) {
    var S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    var K = [], words = [], n = bytes.length, len = (((n + 8) >>> 6) + 1) * 16, i, j;
    for (i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0;
    for (i = 0; i < len; i++) words[i] = 0;
    for (i = 0; i < n; i++) words[i >> 2] |= bytes[i] << ((i % 4) * 8);
    words[n >> 2] |= 0x80 << ((n % 4) * 8);
    words[len - 2] = (n * 8) | 0;
    words[len - 1] = Math.floor(n / 536870912);
    var h = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476];
    for (var block = 0; block < len; block += 16) {
      var a = h[0], b = h[1], c = h[2], d = h[3], f, g, x, t;
      for (i = 0; i < 64; i++) {
        if (i < 16) { f = (b & c) | (~b & d); g = i; }
        else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
        else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
        else { f = c ^ (b | ~d); g = (7 * i) % 16; }
        x = (a + f + K[i] + words[block + g]) | 0;
        t = d;
        d = c;
        c = b;
        b = (b + ((x << S[(i >> 4) * 4 + (i % 4)]) | (x >>> (32 - S[(i >> 4) * 4 + (i % 4)])))) | 0;
        a = t;
      }
      h[0] = (h[0] + a) | 0;
      h[1] = (h[1] + b) | 0;
      h[2] = (h[2] + c) | 0;
      h[3] = (h[3] + d) | 0;
    }
    var out = [];
    for (i = 0; i < 4; i++) for (j = 0; j < 4; j++) out.push((h[i] >>> (j * 8)) & 255);
    return "md5-" + encodeBase64(out);
  }
  // In a rewrite every attachment must be the stored one, byte for byte: the same digest, or
  // inline data whose MD5 is the stored digest. A stub without a digest is new data to CouchDB.
  function sameAttachments(a, b) {
    var name, x, y;
    a = a || {};
    b = b || {};
    for (name in b) if (!(name in a)) return false;
    for (name in a) {
      x = a[name];
      y = b[name];
      if (!y || !y.digest || x.content_type !== y.content_type) return false;
      if (x.digest) {
        if (x.digest !== y.digest) return false;
      } else if (typeof x.data !== "string" || md5Digest(decodeBase64(x.data)) !== y.digest) {
        return false;
      }
    }
    return true;
  }

  function named(group) {
    return !!group && ((group.names && group.names.length > 0) || (group.roles && group.roles.length > 0));
  }

  // A database whose _security names no members is public to CouchDB; writers still need the
  // app's role. (pouchdb-server 4.2 also passes an empty secObj for _bulk_docs.)
  var members = named(sec.members) ? sec.members : { roles: ["complaint-desk"] };
  var isServerAdmin = contains(roles, "_admin");
  var isDbAdmin = isServerAdmin || inGroup(sec.admins);
  var isMember = isDbAdmin || inGroup(members);

  if (!ctx.name && !isServerAdmin) {
    throw ({ unauthorized: "Sign in to write to this database." });
  }
  if (!isMember) {
    refuse("Only members of this database may write to it (role complaint-desk); " + ctx.name + " is not one.");
  }

  var id = String(newDoc._id);
  if (id.indexOf("_design/") === 0) {
    if (!isDbAdmin) refuse("Only database admins may change design documents.");
    return;
  }

  if (newDoc._deleted === true) {
    refuse("Documents are never deleted: events and attachments are kept for good (" + id + ").");
  }

  if (oldDoc && !oldDoc._deleted) {
    // No revision given: the store itself answers 409 conflict (CouchDB does before it asks).
    if (!newDoc._rev) return;
    // The same revision written again with the same content changes nothing: that is how a
    // retried replication push reaches servers that validate stored revisions (pouchdb-server).
    // Anything else is an edit, and events and attachments are immutable.
    if (newDoc._rev === oldDoc._rev && sameContent(newDoc, oldDoc) && sameAttachments(newDoc._attachments, oldDoc._attachments)) {
      return;
    }
    refuse("Documents are immutable: " + id + " exists already and cannot be changed.");
  }

  if (newDoc.type === "event") {
    if (!isString(newDoc.event)) refuse("Event " + id + ": 'event' must be the event's JSON text (a string).");
    if (typeof newDoc.sha256 !== "string" || !HEX64.test(newDoc.sha256)) {
      refuse("Event " + id + ": 'sha256' must be 64 lowercase hex characters.");
    }
    if (!isString(newDoc.complaint)) refuse("Event " + id + ": 'complaint' must be a string.");
    if (!isString(newDoc.device)) refuse("Event " + id + ": 'device' must be a string.");
    if (!isInteger(newDoc.hlc_ms)) refuse("Event " + id + ": 'hlc_ms' must be an integer.");
    return;
  }

  if (newDoc.type === "attachment") {
    if (id.indexOf("att:") !== 0) refuse("Attachment " + id + ": the id must start with 'att:'.");
    if (!isString(newDoc.complaint)) refuse("Attachment " + id + ": 'complaint' must be a string.");
    if (typeof newDoc.sha256 !== "string" || !HEX64.test(newDoc.sha256)) {
      refuse("Attachment " + id + ": 'sha256' must be 64 lowercase hex characters.");
    }
    if (!isInteger(newDoc.bytes) || newDoc.bytes < 0) refuse("Attachment " + id + ": 'bytes' must be a non-negative integer.");
    if (!newDoc._attachments || !newDoc._attachments.file) {
      refuse("Attachment " + id + ": the content must be attached as 'file'.");
    }
    return;
  }

  refuse("Unknown document type " + JSON.stringify(newDoc.type) + " (" + id + "): only 'event' and 'attachment' documents are stored.");
}
