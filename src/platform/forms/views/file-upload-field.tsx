import { FileInput } from '../../ui/components/file-input.tsx';
import type { FileField } from '../form-schema.ts';
import { REMOVE_FILE_FIELD } from '../ids.ts';
import type { FieldControlProps } from './field-props.ts';
import { fileIdsOf } from './values.ts';

/**
 * The file picker (posted as multipart by the page, checked by the storage module) and the files
 * already uploaded, each with a remove button that submits `removeFile=<file id>`.
 */
export function FileUploadField(props: FieldControlProps & { field: FileField; id: string; label: string }) {
  const { ctx, field, id, label } = props;
  const ids = fileIdsOf(props.value);
  return (
    <>
      <FileInput
        ctx={ctx}
        id={id}
        name={field.name}
        label={label}
        hint={props.hint}
        error={props.errors[0]?.message}
        accept={field.accept.join(',')}
        multiple={field.maxFiles > 1}
        optional={!field.required}
      />
      {ids.length > 0 ? (
        <div class="form-group">
          <p class="label" id={`${id}-uploaded`}>
            {ctx.t('form.file.uploaded')}
          </p>
          <ul aria-labelledby={`${id}-uploaded`}>
            {ids.map((fileId) => {
              const name = Object.hasOwn(props.fileNames, fileId) ? props.fileNames[fileId] : undefined;
              return (
                <li key={fileId}>
                  {name ?? ctx.t('form.file.unnamed')}{' '}
                  <button type="submit" class="link-button" name={REMOVE_FILE_FIELD} value={fileId}>
                    {ctx.t('form.file.remove')}
                    <span class="visually-hidden"> {name ?? ctx.t('form.file.unnamed')}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </>
  );
}
