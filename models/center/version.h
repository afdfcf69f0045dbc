/* models/center/version.h: ccsim's version, written into every output that says which
 * program made it (report.html, the identity of a resumable study, --version). */
#ifndef CC_VERSION_H
#define CC_VERSION_H

#define CC_VERSION "0.1.0"

#endif /* CC_VERSION_H */
