import { loginUrl, signupUrl } from "../../api/rest";
import { Modal } from "./modal";

export function SignInDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Sign in to save" onClose={onClose} testId="signin-dialog">
      <p>Designs are saved in your library, so the server needs to know who you are. Your canvas is kept in this browser meanwhile: nothing is lost when you come back.</p>
      <div className="modal-actions">
        <a className="btn" href={signupUrl()}>
          Create an account
        </a>
        <a className="btn btn-primary" href={loginUrl()} data-testid="signin-link">
          Sign in
        </a>
      </div>
    </Modal>
  );
}
