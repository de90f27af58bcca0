/* directory.h - the agency and partner directory (directory.yaml next to
 * port.yaml, format in docs/ir.md): who to call for what, and how. The
 * regulatory clocks name an agency role; drafts are addressed from here. */
#ifndef SW_IR_DIRECTORY_H
#define SW_IR_DIRECTORY_H
#include <stddef.h>
#include "core/arena.h"
#include "core/diag.h"
#include "model/model.h"

typedef struct ir_contact {
    const char *id, *agency, *name, *phone, *email, *web, *what;
    model_pos pos;
} ir_contact;

typedef struct ir_directory {
    arena mem;
    ir_contact *contacts;
    size_t n;
} ir_directory;

/* NULL only when nothing usable could be read; errors are in diags. */
ir_directory *ir_directory_load_buffer(const char *data, size_t len, const char *name, diag_list *diags);
ir_directory *ir_directory_load_file(const char *path, diag_list *diags);
void ir_directory_free(ir_directory *d);
/* By id, else the first contact with this agency role. */
const ir_contact *ir_directory_find(const ir_directory *d, const char *id_or_agency);

#endif
