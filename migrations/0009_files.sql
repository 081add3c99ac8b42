-- Uploaded files (attachments of applications, documents brought to a counter). The bytes live in a
-- blob store (filesystem or S3-compatible), encrypted with the file's own data key in authenticated
-- chunks; the blob's name is the SHA-256 of that ciphertext. This row holds what is needed to find,
-- decrypt and check the file. A file is 'pending' from upload until a module attaches it to a record;
-- pending files older than a day are abandoned uploads and purged (storage.service.ts).

create table stored_file (
  id uuid primary key,
  -- Whose file it is; null for a document a counter officer uploads for a walk-in applicant.
  owner_account_id uuid references account (id),
  -- Who sent the bytes: the owner, or the counter officer.
  uploaded_by uuid not null references account (id),
  state text not null default 'pending' check (state in ('pending', 'attached')),
  -- Detected from the content (magic bytes), never taken from the client.
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes bigint not null check (size_bytes > 0),
  -- Of the plaintext: checked again when the file is read.
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  -- Of the ciphertext: the blob's address in the store.
  blob_key text not null check (blob_key ~ '^[0-9a-f]{64}$'),
  data_key_id uuid not null references data_key (id),
  -- The sanitized original name ("KTP Siti Rahayu.pdf" is personal data), under the data key.
  name_enc text not null,
  created_at timestamptz not null default now(),
  attached_at timestamptz,
  check ((state = 'attached') = (attached_at is not null))
);

-- The purge job looks only at pending files, oldest first.
create index stored_file_pending_idx on stored_file (created_at) where state = 'pending';
-- A blob is removed only when no row refers to it any more.
create index stored_file_blob_key_idx on stored_file (blob_key);
create index stored_file_owner_idx on stored_file (owner_account_id) where owner_account_id is not null;
